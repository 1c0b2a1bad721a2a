// Mutants of the fast engine: realistic optimisation bugs, each a patch of one file of sim/engine/fast/, applied
// to a private copy (engine-load.ts). Every one must be killed by the conformance property (conformance.ts): the
// spec engine is the fast engine's oracle. A patch that no longer applies is an error, never a silent pass.

export interface EngineMutant {
  readonly name: string;
  readonly description: string;
  /** Path under sim/engine/fast/. */
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

export const ENGINE_MUTANTS: readonly EngineMutant[] = [
  {
    name: 'ringGrowIgnoresHead',
    description: 'a class queue that grows copies its buffer from index 0, not from its head (ring off-by-head)',
    file: 'ring.ts',
    find: 'const i = (this.head + k) & (this.slots.length - 1);',
    replace: 'const i = k;',
  },
  {
    name: 'idleHeapNoSiftDown',
    description: 'a heap member whose key grew (idle entry, running task) is not sifted down: the order goes stale',
    file: 'indexed-heap.ts',
    find: '    this.up(this.positions()[id]);\n    this.down(this.positions()[id]);',
    replace: '    this.up(this.positions()[id]);',
  },
  {
    name: 'idleHeapTieByLayout',
    description: 'idle-list ties between equal function counts go by heap layout, not by join order',
    file: 'idle-heap.ts',
    find: 'return fa !== fb ? fa < fb : stamp[a] < stamp[b];',
    replace: 'return fa < fb;',
  },
  {
    name: 'runningCountDrift',
    description: "a completed or killed running task leaves the machine's cached running count unchanged",
    file: 'task-ops.ts',
    find: '  if (tasks.running[t] === 1) {\n    w.runningCount[m]--;\n',
    replace: '  if (tasks.running[t] === 1) {\n',
  },
  {
    name: 'skipWaitingGrowthWake',
    description: 'the wake for a memory step is computed for running tasks only (a waiting task in RAM grows too)',
    file: 'progress.ts',
    find: '    if (w.timeGrowth && w.tasks.residency[t] === RAM) {',
    replace: '    if (w.tasks.running[t] === 0) continue;\n    if (w.timeGrowth && w.tasks.residency[t] === RAM) {',
  },
  {
    name: 'footprintsOfRunningOnly',
    description: 'after a wake only running tasks have their footprint brought up to their growth clock',
    file: 'machine.ts',
    find: '  for (const t of list) {\n    const footprintMB',
    replace: '  for (const t of list) {\n    if (tasks.running[t] === 0) continue;\n    const footprintMB',
  },
  {
    name: 'pollTieLast',
    description: 'among equally loaded polled machines the last sampled is picked (<= for <)',
    file: 'shard.ts',
    find: 'if (view[4 * i + field] < view[4 * best + field]) best = i;',
    replace: 'if (view[4 * i + field] <= view[4 * best + field]) best = i;',
  },
  {
    name: 'headTieLowerClass',
    description: 'equal head scores go to the lower class (>= for >)',
    file: 'shard.ts',
    find: '    if (score > bestScore) {',
    replace: '    if (score >= bestScore) {',
  },
  {
    name: 'samplesWithReplacement',
    description: 'the k machines (or shards) are sampled without the rejection of repeats: fewer draws, duplicates',
    file: 'engine.ts',
    find: 'for (let i = 0; i < picked; i++) if (sampled[i] === id) seen = true;',
    replace: 'void seen;',
  },
  {
    name: 'idleUpdateOnMemoryOnly',
    description: 'the dispatcher re-reports its entry only when free memory moved, not when its function count did',
    file: 'dispatcher.ts',
    find: 'if (functions === w.entryFunctions[m] && !moved) return;',
    replace: 'if (!moved) return;',
  },
  {
    name: 'skipMemoryStepWakes',
    description: 'no wake at memory growth steps under work growth ("a step cannot change scheduling"): it can',
    file: 'progress.ts',
    find: 'const growthUs = w.timeGrowth ? Infinity : nextLevelUs(w, t, doneUs);',
    replace: 'const growthUs = Infinity;',
  },
  {
    name: 'silentTransferEnd',
    description: "a wake for a swap transfer's end is taken as silent (a bug this engine had while it was written)",
    file: 'progress.ts',
    find: '  let silent = false;',
    replace: '  let silent = w.silentWakes;',
  },
  {
    name: 'taskHeapRemoveSiftsDownOnly',
    description: "a task taken out of a machine's heap has the last one moved into its place and only sifted down",
    file: 'indexed-heap.ts',
    find: '    this.up(i);\n    this.down(pos[last]);',
    replace: '    this.down(i);',
  },
  {
    name: 'swapOutUncounted',
    description: "a task sent to swap is not counted as out of RAM: the scheduler's fast path takes a swapped top",
    file: 'task-ops.ts',
    find: '  setResidency(w, m, t, residency);\n  w.inTransit[m]++;',
    replace: '  tasks.residency[t] = residency;\n  w.inTransit[m]++;',
  },
  {
    name: 'assignSkipsLink',
    description: "a placement goes through the step's queue, not over the shard-machine link (lands at once)",
    file: 'network.ts',
    find: '    case ASSIGN:\n',
    replace: '',
  },
  {
    name: 'joinLengthsOfFirstAnswer',
    description: 'a join over the network closes on the first list length that comes back',
    file: 'dispatcher.ts',
    find: '  if (++w.joinAnswers[m] < sampled.length) return;',
    replace: '  if (++w.joinAnswers[m] < 1) return;\n  if (w.joinAnswers[m] > 1) return;',
  },
  {
    name: 'staleTopKey',
    description: "the soonest wake is sought near the running heap's top key without bringing that key up to date",
    file: 'progress.ts',
    find: '    if (keyVUs === w.tasks.dueVUs[t]) break;',
    replace: '    if (keyVUs === keyVUs) break;',
  },
];

export function engineMutantByName(name: string): EngineMutant | undefined {
  return ENGINE_MUTANTS.find((m) => m.name === name);
}
