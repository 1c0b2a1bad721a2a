// One benchmark measurement in its own process (so peak RSS belongs to it alone):
//   node --import tsx sim/bench/bench-one.ts sim|reference MACHINES POLICY DURATION_S
// Prints one JSON line. The workload is fig3's with a steady load of 0.7 (throughput, not the spike).
import { startPolicyRun } from '../run/run-policy.ts';
import { loadScenario } from '../scenario/parse.ts';
import { createWorkload } from '../workload/generator.ts';
import { stream } from '../workload/streams.ts';
import { referenceLoop } from './reference-loop.ts';

const [mode, machinesArg, policy, durationArg] = process.argv.slice(2);
const machines = Number(machinesArg);
const durationS = Number(durationArg);
const scenario = loadScenario('fixtures/paper/fig3.yaml', [
  `cluster.machines=${machines}`,
  `durationS=${durationS}`,
  'warmupS=0',
  'workload.arrivals=[{fromS: 0, load: 0.7}]',
  `policies=[{name: ${policy}, idleList: false, k: 3}]`,
]);
let invocations = 0;
let events = 0;
let wallS = 0;
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
  const run = startPolicyRun(scenario, 0, 'bench');
  while (!run.simulation.advance(Infinity));
  const result = run.finish();
  invocations = result.summary.arrived;
  events = result.summary.events;
  wallS = result.summary.wallS;
}
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ mode, machines, policy, durationS, invocations, events, wallS, peakRssMB })}\n`,
);
