// `npm run bench:checker`: the model checker's throughput (properties/README.md, "Throughput, measured"): distinct
// states per second of wall clock and per CPU second (every thread: V8's garbage collector's too), each row in a
// fresh process, without invariants and with every invariant, on one worker thread and on two. Never a test.
//   npm run bench:checker              every row (about 7 minutes on 2 cores)
//   npm run bench:checker -- --quick   the short scopes only
//   npm run bench:checker -- --floor   where a transition's time goes, part by part (checker-floor.ts)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsx = createRequire(import.meta.url).resolve('tsx');
const quick = process.argv.includes('--quick');
if (process.argv.includes('--floor')) {
  execFileSync(process.execPath, ['--import', tsx, 'sim/bench/checker-floor.ts'], { stdio: 'inherit' });
  process.exit(0);
}
type Row = readonly [scope: string, invariants: 'none' | 'every', workers: number];
const rows: readonly Row[] = [
  ['priority', 'none', 1],
  ['priority', 'every', 1],
  ['large', 'none', 1],
  ['large', 'every', 1],
  ['large', 'every', 2],
  ...(quick
    ? []
    : ([
        ['million', 'none', 1],
        ['million', 'none', 2],
        ['million', 'every', 1],
        ['million', 'every', 2],
      ] satisfies Row[])),
];

const n = (x: number) => Math.round(x).toLocaleString('en-US');
console.log('| run | workers | states | transitions | wall s | CPU s | states/s | states per CPU s |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [scope, invariants, workers] of rows) {
  const out = execFileSync(
    process.execPath,
    ['--import', tsx, 'sim/bench/checker-one.ts', scope, invariants, String(workers)],
    { encoding: 'utf8' },
  );
  const r = JSON.parse(out.trim().split('\n').pop() as string);
  const what = `\`${scope}\`, ${invariants === 'every' ? 'every invariant' : 'no invariants'}`;
  const counts = `${n(r.states)} | ${n(r.transitions)}`;
  const times = `${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${n(r.states / r.wallS)} | ${n(r.states / r.cpuS)}`;
  console.log(`| ${what} | ${workers} | ${counts} | ${times} |`);
}
