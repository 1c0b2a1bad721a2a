// `npm run bench`: simulator throughput on fig3-like workloads at 100, 1,000 and 10,000 machines, beside a bare
// reference loop (sim/bench/reference-loop.ts) on the same arrivals, so the ratio means something on a noisy
// machine. Each measurement runs in its own process (its own peak RSS). Never a timed test: this only reports.
//   npm run bench              full set (the 10,000-machine, 60-simulated-second run takes minutes)
//   npm run bench -- --quick   short runs
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const quick = process.argv.includes('--quick');
const tsx = createRequire(import.meta.url).resolve('tsx');
const plan: { machines: number; durationS: number; policies: string[] }[] = quick
  ? [
      { machines: 100, durationS: 20, policies: ['xx', 'hermod'] },
      { machines: 1000, durationS: 2, policies: ['xx', 'hermod'] },
      { machines: 10000, durationS: 1, policies: ['xx'] },
    ]
  : [
      { machines: 100, durationS: 120, policies: ['xx', 'hermod'] },
      { machines: 1000, durationS: 20, policies: ['xx', 'hermod'] },
      { machines: 10000, durationS: 60, policies: ['xx'] },
    ];

function measure(mode: string, machines: number, policy: string, durationS: number): Record<string, number | string> {
  const out = execFileSync(
    process.execPath,
    ['--import', tsx, 'sim/bench/bench-one.ts', mode, String(machines), policy, String(durationS)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
}

const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`);
console.log('machines  policy   sim s  invocations   inv/s    events/s  peak RSS | reference inv/s  ratio');
for (const row of plan) {
  const ref = measure('reference', row.machines, 'xx', row.durationS);
  const refRate = (ref.invocations as number) / (ref.wallS as number);
  for (const policy of row.policies) {
    const r = measure('sim', row.machines, policy, row.durationS);
    const rate = (r.invocations as number) / (r.wallS as number);
    const eventsPerS = fmt((r.events as number) / (r.wallS as number));
    const rss = `${(r.peakRssMB as number).toFixed(0)} MB`;
    const run = `${String(row.machines).padStart(8)}  ${policy.padEnd(7)} ${String(row.durationS).padStart(6)}`;
    const count = String(r.invocations).padStart(11);
    const speed = `${count}  ${fmt(rate).padStart(6)}  ${eventsPerS.padStart(8)}  ${rss.padStart(8)}`;
    console.log(`${run}  ${speed} | ${fmt(refRate).padStart(15)}  ${(refRate / rate).toFixed(1)}x`);
  }
}
