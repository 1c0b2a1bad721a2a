// `npm run bench`: simulator throughput of both engines beside a bare reference loop (reference-loop.ts) on the
// same arrivals, so the ratio means something on a noisy machine. The workload (bench-scenario.ts) is the plain
// one of issue 10: XX with its defaults (idle list on, memory growing in 4 steps, 2 classes, exponential
// runtimes) and Hermod. Each measurement runs in its own process (its own peak RSS). Never a timed test.
//   npm run bench              full set
//   npm run bench -- --quick   short runs
//   npm run bench -- --json    the measurements as JSON (after the table, on the last line)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

interface Row {
  readonly machines: number;
  readonly durationS: number;
  /** Simulated seconds for the spec engine (shorter: it is the slow one), or 0 to skip it. */
  readonly specDurationS: number;
}

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const tsx = createRequire(import.meta.url).resolve('tsx');
const POLICIES = ['xx', 'hermod'];
const plan: Row[] = quick
  ? [
      { machines: 100, durationS: 10, specDurationS: 5 },
      { machines: 1000, durationS: 2, specDurationS: 1 },
      { machines: 10000, durationS: 0.5, specDurationS: 0 },
    ]
  : [
      { machines: 100, durationS: 60, specDurationS: 20 },
      { machines: 1000, durationS: 10, specDurationS: 3 },
      { machines: 10000, durationS: 5, specDurationS: 0.5 },
      // The spec engine copies its machine array once per step: at 100,000 machines it is not measured.
      { machines: 100000, durationS: 1, specDurationS: 0 },
    ];

type Measure = Record<string, number | string>;

function measure(mode: string, machines: number, policy: string, durationS: number): Measure {
  const out = execFileSync(
    process.execPath,
    ['--import', tsx, 'sim/bench/bench-one.ts', mode, String(machines), policy, String(durationS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`);
const rateOf = (r: Measure) => (r.invocations as number) / (r.wallS as number);
/** CPU microseconds per invocation (the whole process: the run, plus a few ms of start for short runs). */
const cpuUsPerInvocation = (r: Measure) => ((r.cpuS as number) * 1e6) / (r.invocations as number);
const results: Measure[] = [];
console.log(
  'machines  policy  engine     sim s  invocations   inv/s  events/s  peak RSS  us/inv  CPU us/inv | ' +
    'reference inv/s  x slower  x slower (CPU)',
);
for (const row of plan) {
  const ref = measure('reference', row.machines, 'xx', row.durationS);
  results.push(ref);
  const refRate = rateOf(ref);
  const refCpuUs = cpuUsPerInvocation(ref);
  for (const policy of POLICIES) {
    for (const engine of ['fast', 'spec']) {
      const durationS = engine === 'fast' ? row.durationS : row.specDurationS;
      if (durationS === 0) continue;
      const r = measure(engine, row.machines, policy, durationS);
      results.push(r);
      const rate = rateOf(r);
      const cells = [
        String(row.machines).padStart(8),
        policy.padEnd(6),
        engine.padEnd(6),
        String(durationS).padStart(7),
        String(r.invocations).padStart(11),
        fmt(rate).padStart(7),
        fmt((r.events as number) / (r.wallS as number)).padStart(8),
        `${(r.peakRssMB as number).toFixed(0)} MB`.padStart(8),
        (1e6 / rate).toFixed(1).padStart(7),
        cpuUsPerInvocation(r).toFixed(1).padStart(10),
      ];
      const slower = (refRate / rate).toFixed(1).padStart(8);
      const slowerCpu = (cpuUsPerInvocation(r) / refCpuUs).toFixed(1).padStart(14);
      console.log(`${cells.join('  ')} | ${fmt(refRate).padStart(15)}  ${slower}  ${slowerCpu}`);
    }
  }
}
if (json) console.log(JSON.stringify({ quick, results }));
