// Which price class a trace function declares: classOf (a trigger map, or the duration or appHash rule),
// with class names resolved against the scenario's class table.

import { type ClassRef, classIndexOf } from '../scenario/class-ref.ts';
import type { FieldPath, TraceContext } from './context.ts';
import { hashFraction } from './random.ts';
import { type ClassRule, TRIGGERS, type Trigger } from './spec.ts';

/** The class of a function from its trigger (2019 only), median runtime (s) and app id. */
export type Classifier = (trigger: Trigger | null, medianS: number, app: string) => number;

/** The spec's classOf (or the format's default rule) as a function. */
export function classifier(ctx: TraceContext, defaultRule: ClassRule): Classifier {
  const rule = ctx.spec.classOf ?? defaultRule;
  const highest = ctx.opts.classCount - 1;
  if (rule.rule === 'trigger') {
    const byTrigger = TRIGGERS.map((t) => classIndex(ctx, rule.map[t], t === 'http' ? highest : 0, ['classOf', t]));
    return (trigger) => byTrigger[TRIGGERS.indexOf(trigger ?? 'others')];
  }
  const high = classIndex(ctx, rule.high, highest, ['classOf', 'high']);
  const low = classIndex(ctx, rule.low, 0, ['classOf', 'low']);
  if (rule.rule === 'duration') return (_t, medianS) => (medianS <= rule.thresholdS ? high : low);
  return (_t, _m, app) => (hashFraction(`${rule.salt}${app}`) < rule.highFraction ? high : low);
}

/** A class reference (index or name) as an index into the class table; `fallback` when not given. */
function classIndex(ctx: TraceContext, ref: ClassRef | undefined, fallback: number, path: FieldPath): number {
  if (ref === undefined) return fallback;
  const n = ctx.opts.classCount;
  const names = ctx.opts.classNames;
  const index = classIndexOf(ref, n, names);
  if (index !== undefined) return index;
  if (typeof ref === 'number')
    return ctx.error(path, `a class index below ${n} (the class table has ${n}), got ${ref}`);
  const named = names?.length
    ? `one of ${names.map((s) => JSON.stringify(s)).join(', ')}`
    : 'a class index (no class names known)';
  return ctx.error(path, `${named} or an index below ${n}, got ${JSON.stringify(ref)}`);
}
