import type { Output } from '../../model/index.ts';

// One observation as a line of the stream conformance compares: every output except the timer requests (need*),
// which are each engine's own bookkeeping. An invocation is named by what identifies it and what it ran as.

export function observationLine(o: Output): string | null {
  switch (o.type) {
    case 'needPlace':
    case 'needWake':
    case 'needJoin':
    case 'needRelease':
    case 'needDeliver':
      return null;
    case 'spawned':
    case 'completed':
    case 'killed': {
      const { inv, ...rest } = o;
      const who = {
        invId: inv.id,
        parentId: inv.parentId,
        effectiveClass: inv.effectiveClass,
        arrivalUs: inv.arrivalUs,
      };
      return line({ ...rest, ...who });
    }
    default:
      return line(o);
  }
}

/** `t=ATus type key=value ...` with the keys in a fixed order (time and type first). */
function line(o: { readonly atUs: number; readonly type: string }): string {
  const r = o as unknown as Readonly<Record<string, unknown>>;
  const fields = Object.keys(o)
    .filter((k) => k !== 'atUs' && k !== 'type')
    .sort()
    .map((k) => `${k}=${String(r[k])}`);
  return `t=${o.atUs}us ${o.type} ${fields.join(' ')}`;
}
