// Mutants: realistic bugs planted in the spec, one rule each, to show that each property can fail. A mutant is a
// patch of one line (or a few) of one file of model/, applied to a private copy of the model (load.ts), so the
// mutated rule is exactly the code a reader sees, changed as a programmer might have got it wrong. A patch that
// no longer applies is an error, never a silent pass.

export interface MutantPatch {
  readonly name: string;
  readonly description: string;
  /** The property that must kill it (the mutant tests check that this one does). */
  readonly expectedKiller: string;
  /** Path under model/. */
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  /** The policy under which the bug shows (processor-sharing bugs need a processor-sharing policy). */
  readonly policy: string;
}

const m = (
  name: string,
  expectedKiller: string,
  file: string,
  find: string,
  replace: string,
  description: string,
  policy = 'xx',
): MutantPatch => ({ name, description, expectedKiller, file, find, replace, policy });

export const MUTANTS: readonly MutantPatch[] = [
  m(
    'classBlind',
    'noPriorityInversion',
    'classes.ts',
    'return config.policy.classAware ? effectiveClass : 0;',
    'return 0;',
    'shards and machines ignore price classes (every invocation scheduled as class 0)',
  ),
  m(
    'noPreemption',
    'noPriorityInversion',
    'machine/scheduler.ts',
    'if (!config.policy.preemptive || best.task.cls <= lowest.cls) return m;',
    'return m;',
    'a higher class never preempts a running lower class',
  ),
  m(
    'lifoWithinClass',
    'fcfsWithinClass',
    'machine/rank.ts',
    'return a.seq - b.seq;',
    'return b.seq - a.seq;',
    'inside a class the latest placement runs first',
  ),
  m(
    'dropInheritance',
    'inheritance',
    'classes.ts',
    'return Math.max(declaredClass, callerEffectiveClass);',
    'return declaredClass;',
    "a child runs at its declared class, not max(declared, caller's class)",
  ),
  m(
    'priceOnly',
    'shardChoice',
    'shard/selection-rule.ts',
    'return price * (waitUs + config.policy.agingUs);',
    'return price;',
    'the shard picks by price alone (strict priority: old low heads starve)',
  ),
  m(
    'priceOverWait',
    'shardChoice',
    'shard/selection-rule.ts',
    'return price * (waitUs + config.policy.agingUs);',
    'return waitUs === 0 ? Infinity : price / waitUs;',
    'the literal "price / waiting time" rule (the freshest head first)',
  ),
  m(
    'shardTieLowerClass',
    'shardChoice',
    'shard/selection-rule.ts',
    'if (score > bestScore) {',
    'if (score >= bestScore) {',
    'equal scores go to the lower class',
  ),
  m(
    'shardLifo',
    'fcfsWithinClass',
    'shard/handler.ts',
    '(c === cls ? [...q, item] : q)',
    '(c === cls ? [item, ...q] : q)',
    'a shard queue hands out its newest entry first',
  ),
  m(
    'idleTieLatest',
    'shardChoice',
    'shard/placement.ts',
    'for (const e of idle) if (e.functions < best.functions) best = e;',
    'for (const e of idle) if (e.functions <= best.functions) best = e;',
    'idle-list ties go to the latest joined',
  ),
  m(
    'ignoresSampledMachines',
    'shardChoice',
    'shard/placement.ts',
    'for (const l of loads) if (loadOf(l, config) < loadOf(best, config)) best = l;',
    '',
    'polling places on the first sampled machine whatever the loads',
  ),
  m(
    'joinLongestList',
    'idleList',
    'dispatcher/handler.ts',
    'if (values[i] < values[best]) best = i;',
    'if (values[i] > values[best]) best = i;',
    'a dispatcher joins the longest sampled idle list',
  ),
  m(
    'idleNeverRemoved',
    'idleList',
    'dispatcher/handler.ts',
    "const leave = toShard(d.listedOn, { type: 'idleEntryLeave', machineId: d.machineId });\n" +
      '    return react({ ...d, listedOn: -1, entry: null }, [leave]);',
    'return react(d);',
    'a machine that stops being idle stays on its idle list',
  ),
  m(
    'swapHighestFirst',
    'swapAndKillOrder',
    'machine/rank.ts',
    'return [...tasks].sort((a, b) => compareRank(b, a, policy));',
    'return [...tasks].sort((a, b) => compareRank(a, b, policy));',
    'memory pressure takes the best-ranked task first',
  ),
  m(
    'killBeforeSwap',
    'swapAndKillOrder',
    'machine/memory-manager.ts',
    'const fits = (t: Task) => config.policy.swap && t.memoryMB <= swapFreeMB;',
    'const fits = (_t: Task) => false;',
    'memory pressure kills although swap could take the victim',
  ),
  m(
    'roomFromWaitingOnly',
    'noPriorityInversion',
    'machine/memory-manager.ts',
    '!t.swapped && t.cls < task.cls && compareRank(t, task, config.policy) > 0',
    '!t.swapped && !t.running && t.cls < task.cls && compareRank(t, task, config.policy) > 0',
    'a swapped task takes memory only from waiting lower classes (the old makeRoomFor: inversion through memory)',
  ),
  m(
    'wrongPreemptionVictim',
    'preemptionChoice',
    'machine/scheduler.ts',
    'const lowest = inVictimOrder(m.tasks.filter((t) => t.running), config.policy)[0];',
    `const lowest = inVictimOrder(m.tasks.filter((t) => t.running), config.policy).reverse().find((t) =>` +
      ` t.cls < best.task.cls) ?? inVictimOrder(m.tasks.filter((t) => t.running), config.policy)[0];`,
    'a preemption takes the best-ranked lower-class runner instead of the lowest-ranked one',
  ),
  m(
    'swappedMemoryNotCounted',
    'memorySafety',
    'machine/state.ts',
    'for (const t of m.tasks) if (t.swapped) total += t.memoryMB;',
    '',
    'swap usage is not counted (swap can overfill)',
  ),
  m(
    'coreOffByOne',
    'workConservation',
    'machine/priority.ts',
    'slots: (cores) => cores,',
    'slots: (cores) => Math.max(1, cores - 1),',
    "the scheduler never uses a machine's last core",
  ),
  m(
    'completionOneLate',
    'serviceEqualsWork',
    'machine/priority.ts',
    'timeForWorkUs: (workUs) => Math.ceil(workUs),',
    'timeForWorkUs: (workUs) => Math.ceil(workUs) + 1,',
    'the machine timer fires a microsecond after work is done',
  ),
  m(
    'psRateOff',
    'serviceEqualsWork',
    'machine/processor-sharing.ts',
    '(dtUs * cores) / running)',
    '(dtUs * cores) / (running + 1))',
    'processor sharing gives each task a share of cores/(n+1)',
    'hermod',
  ),
  m(
    'noSnapToCheckpoint',
    'eventualCompletion',
    'machine/checkpoints.ts',
    'return doneUs < checkpointUs && checkpointUs - doneUs <= DUE_TOLERANCE_US ? checkpointUs : doneUs;',
    'return doneUs;',
    'a due task keeps its float progress a hair short of its checkpoint (livelock)',
    'hermod',
  ),
  m(
    'growthStepLate',
    'serviceEqualsWork',
    'memory-growth.ts',
    'return Math.min(inv.workUs, Math.ceil((level * inv.workUs) / steps));',
    'return Math.min(inv.workUs, Math.ceil((level * inv.workUs) / steps) + 1);',
    'the timer of a memory step fires a microsecond late',
  ),
  m(
    'silentSwapIn',
    'observability',
    'machine/task-ops.ts',
    "outputs.push({ ...swapObservation(m, task), type: 'swappedIn' });",
    '',
    'a task comes back from swap without a swappedIn output',
  ),
  m(
    'silentKill',
    'conservation',
    'machine/task-ops.ts',
    "outputs.push({ type: 'killed', atUs: m.nowUs, inv: task.inv, machineId: m.id });",
    '',
    'killed functions vanish without a killed output',
  ),
  m(
    'childrenForgotten',
    'conservation',
    'machine/checkpoints.ts',
    "outputs.push({ type: 'spawned', atUs: m.nowUs, inv: childOf(inv, inv.children[nextChild].spec, m.nowUs) });",
    '',
    "a parent passes its children's start points without starting them",
  ),
  m(
    'billByDeclaredClass',
    'billing',
    'billing.ts',
    'config.priceClasses[inv.effectiveClass].pricePerCpuS',
    'config.priceClasses[inv.declaredClass].pricePerCpuS',
    'billing charges the declared class, not the inherited one',
  ),
  m(
    'budgetIgnored',
    'budget',
    'budget.ts',
    'if (budget === undefined) return false;\n  return (',
    'return false;\n  return (',
    'tenants are never over budget',
  ),
  m(
    'mutatesInput',
    'determinismAndPurity',
    'router.ts',
    'const owned = this.copied[name] ? (states as S[]) : [...states];',
    'const owned = states as S[];',
    'a step writes components into the arrays of the world it was given',
  ),
];

export function mutantByName(name: string): MutantPatch | undefined {
  return MUTANTS.find((x) => x.name === name);
}
