import { schedulingClass } from '../classes.ts';
import type { Output } from '../events.ts';
import type { Invocation } from '../invocation.ts';
import { memoryAtMB } from '../memory-growth.ts';
import type { Message, MessageBody } from '../messages.ts';
import { toDispatcher, toShard } from '../messages.ts';
import type { Context, Reaction } from '../reaction.ts';
import { react, unexpected } from '../reaction.ts';
import { processDue } from './checkpoints.ts';
import { advanceTo, nextWakeUs } from './progress.ts';
import { settle } from './scheduler.ts';
import type { MachineState, Task } from './state.ts';
import { loadOf, machineWith, reportOf } from './state.ts';

// The machine's handler. Every change runs the same way: progress up to now; what is due at this instant happens
// first (a task finishing now completes rather than being preempted); then the change itself; then the machine
// settles (scheduler.ts), sets its timer, and reports to its dispatcher.

export function machineHandler(m: MachineState, body: MessageBody, ctx: Context): Reaction<MachineState> {
  switch (body.type) {
    case 'loadQuery':
      return react(m, [toShard(body.shardId, { type: 'loadReply', load: loadOf(m, body.cls) })]);
    case 'boot':
      return change(m, ctx, (x) => x);
    case 'wakeTimer':
      // The timer that fired is spent: a wake due at this same instant must be asked for again.
      return change(machineWith(m, { wakeAtUs: Infinity }), ctx, (x) => x, true);
    case 'assign':
      return change(m, ctx, (x) => place(x, body.inv, ctx));
    case 'setUsableMemory':
      // A memory antagonist: pressure it causes is relieved like any other.
      return change(m, ctx, (x) => machineWith(x, { usableMB: Math.max(0, Math.min(body.memoryMB, x.ramMB)) }));
    default:
      return unexpected(`machine ${m.id}`, body);
  }
}

function change(
  m: MachineState,
  ctx: Context,
  apply: (m: MachineState) => MachineState,
  timerFired = false,
): Reaction<MachineState> {
  const outputs: Output[] = [];
  const sent: Message[] = [];
  const advanced = advanceTo(m, ctx.nowUs, ctx.config);
  // The timer is set for the earliest checkpoint of any running task: before it, nothing can be due.
  const mayBeDue = timerFired || ctx.nowUs >= m.wakeAtUs;
  const due = mayBeDue ? processDue(advanced, ctx.config, outputs, sent) : advanced;
  const settled = settle(apply(due), ctx.config, outputs);
  const wakeAtUs = nextWakeUs(settled, ctx.config);
  if (wakeAtUs !== Infinity && wakeAtUs !== m.wakeAtUs)
    outputs.push({ type: 'needWake', atUs: wakeAtUs, machineId: m.id });
  if (ctx.config.policy.idleList) sent.push(toDispatcher(m.id, { type: 'report', report: reportOf(settled) }));
  return react(machineWith(settled, { wakeAtUs }), sent, outputs);
}

/** A placement lands: the function waits, resident at its initial memory, until the scheduler starts it. */
function place(m: MachineState, inv: Invocation, ctx: Context): MachineState {
  const task: Task = {
    inv,
    cls: schedulingClass(ctx.config, inv.effectiveClass),
    seq: m.nextSeq,
    running: false,
    residency: 'ram',
    requestedUs: 0,
    requestOrder: 0,
    doneUs: 0,
    markVUs: 0,
    ageUs: 0,
    ageMarkUs: m.nowUs,
    memoryMB: memoryAtMB(inv, 0, ctx.config),
    nextChild: 0,
  };
  return machineWith(m, { tasks: [...m.tasks, task], nextSeq: m.nextSeq + 1 });
}
