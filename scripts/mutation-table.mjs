// Prints the per-file scores of the last Stryker run (reports/mutation/mutation.json) as a markdown table, the form
// model/MUTATION.md keeps. Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker's.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const KINDS = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError', 'RuntimeError'];

const rows = [];
const total = Object.fromEntries(KINDS.map((k) => [k, 0]));
for (const [name, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const n = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const m of mutants) n[m.status] = (n[m.status] ?? 0) + 1;
  for (const k of KINDS) total[k] += n[k];
  rows.push([name, n]);
}
rows.push(['**all files**', total]);

const score = (n) => {
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`;
};
console.log('| file | mutants | killed | timeout | survived | no cov | ignored | score |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
for (const [name, n] of rows) {
  const count = KINDS.reduce((a, k) => a + n[k], 0);
  const cells = [name, count, n.Killed, n.Timeout, n.Survived, n.NoCoverage, n.Ignored, score(n)];
  console.log(`| ${cells.join(' | ')} |`);
}
