// One row of `npm run bench:checker`, in its own process (JIT and heap of its own): explores a checker scope and
// prints the measurement as JSON. Usage: checker-one.ts SCOPE none|every WORKERS
import { searchParallel } from '../../properties/checker/parallel.ts';
import { checkScopes } from '../../properties/checker/scopes.ts';

const [name, invariants, workers] = process.argv.slice(2);
const scope = checkScopes().find((s) => s.name === name);
if (scope === undefined) throw new Error(`no scope ${name}`);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await searchParallel(scope, invariants === 'every' ? {} : { invariants: [] }, Number(workers));
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const { states, transitions, complete } = r;
console.log(JSON.stringify({ name, invariants, workers: Number(workers), states, transitions, complete, wallS, cpuS }));
