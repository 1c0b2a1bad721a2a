import type { PolicyConformance } from '../conform/compare.ts';
import { conformPolicy } from '../conform/compare.ts';
import { loadScenario } from '../scenario/parse.ts';
import { Progress } from '../util/progress.ts';
import { strictProgram } from './program.ts';

// `priceclass conform SCENARIO... [--set PATH=VALUE]... [--json]`: runs every policy of each scenario on both
// engines and compares their complete observation streams (placements, starts, preemptions, swaps, kills,
// completions, bills, with their times) and their results documents (wallS aside). On a difference it prints the
// first divergence with the observations before it and exits 1.

interface ConformOptions {
  readonly set: string[];
  readonly json?: boolean;
}

export async function conformCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass conform', 'check that the fast engine observes what the spec engine does')
    .argument('<scenario...>', 'scenario files (YAML or JSON)')
    .option('--set <assignment>', 'override a scenario field in every scenario (repeatable)', collect, [])
    .option('--json', 'print the comparison as JSON on stdout');
  program.parse(['node', 'conform', ...argv]);
  const opts = program.opts<ConformOptions>();
  const files = program.args;
  const scenarios = files.map((file) => ({ file, scenario: loadScenario(file, opts.set) }));
  const report: { file: string; policies: PolicyConformance[] }[] = [];
  for (const { file, scenario } of scenarios) {
    const policies: PolicyConformance[] = [];
    for (let i = 0; i < scenario.policies.length; i++) {
      // The spec engine sets the pace (it is the slow one): its simulated time, on a terminal only.
      const label = `${file} policy ${i + 1}/${scenario.policies.length}`;
      const progress = new Progress({ label, total: scenario.durationS, unit: 's simulated' });
      const onSlice = (simulatedS: number, observations: number) =>
        progress.update(Math.min(simulatedS, scenario.durationS), { note: `${observations} observations equal` });
      const p = conformPolicy(scenario, i, file, { onSlice });
      progress.clear();
      policies.push(p);
      if (!opts.json) process.stdout.write(describe(file, p));
    }
    report.push({ file, policies });
  }
  const ok = report.every((r) => r.policies.every(conforms));
  if (opts.json) process.stdout.write(`${JSON.stringify({ ok, scenarios: report }, null, 2)}\n`);
  return ok ? 0 : 1;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function conforms(p: PolicyConformance): boolean {
  return p.divergence === null && p.resultsDiffer === null;
}

function describe(file: string, p: PolicyConformance): string {
  const at = `${file} ${p.policy}`;
  if (conforms(p)) return `conforms  ${at}: ${p.observations} observations, ${p.events} events, identical results\n`;
  if (p.divergence === null) {
    const d = p.resultsDiffer as { spec: string; fast: string };
    return `DIVERGES  ${at}: identical observations, different results\n  spec: ${d.spec}\n  fast: ${d.fast}\n`;
  }
  const d = p.divergence;
  return [
    `DIVERGES  ${at}: first divergence at observation ${d.index}, after:`,
    ...d.before.map((l) => `    ${l}`),
    `  spec: ${d.spec}`,
    `  fast: ${d.fast}`,
    '',
  ].join('\n');
}
