// One benchmark measurement in its own process (so peak RSS belongs to it alone):
//   node --import tsx sim/bench/bench-one.ts reference|fast|spec MACHINES POLICY DURATION_S
// Prints one JSON line. The workload (bench-scenario.ts) is the plain one: load 0.7, exponential runtimes
// of 100 ms, two classes, 100 MB functions growing in 4 steps, every knob of the policy at its default.
import { startPolicyRun } from '../run/run-policy.ts';
import { createWorkload } from '../workload/generator.ts';
import { stream } from '../workload/streams.ts';
import { benchScenario } from './bench-scenario.ts';
import { referenceLoop } from './reference-loop.ts';

const [mode, machinesArg, policy, durationArg] = process.argv.slice(2);
if (mode !== 'reference' && mode !== 'fast' && mode !== 'spec') throw new Error(`unknown mode ${mode}`);
const machines = Number(machinesArg);
const durationS = Number(durationArg);
const scenario = benchScenario(machines, policy, durationS);
let invocations = 0;
let events = 0;
let wallS = 0;
// CPU time of this process around the run: on a shared machine it moves far less than wall time.
const cpu0 = process.cpuUsage();
if (mode === 'reference') {
  const r = referenceLoop(
    createWorkload(scenario),
    machines,
    scenario.cluster.coresPerMachine,
    3,
    stream(scenario.seed, 'engine/sampling'),
  );
  invocations = r.invocations;
  events = r.events;
  wallS = r.wallS;
} else {
  const run = startPolicyRun(scenario, 0, 'bench', undefined, mode);
  while (!run.simulation.advance(Infinity));
  const result = run.finish();
  invocations = result.summary.arrived;
  events = result.summary.events;
  wallS = result.summary.wallS;
}
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ mode, machines, policy, durationS, invocations, events, wallS, cpuS, peakRssMB })}\n`,
);
