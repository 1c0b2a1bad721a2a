// `--set PATH=VALUE` overrides, applied to the raw object before validation, so an override is checked
// exactly like the file. PATH: keys and [indices], e.g. `workload.arrivals[0].load`; VALUE: a YAML scalar or
// flow collection (`0.9`, `unbounded`, `[0.5, 0.5]`, `{name: xx, k: 2}`).

import YAML from 'yaml';
import { describeValue, firstLine, InputError } from '../util/errors.ts';

type Segment = string | number;

// Keys that would reach Object.prototype instead of a field.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Returns a copy of `raw` with the value at PATH replaced; throws InputError naming `--set`. */
export function applySet(raw: unknown, assignment: string): unknown {
  if (typeof assignment !== 'string') throw new InputError(`--set: PATH=VALUE, got ${describeValue(assignment)}`);
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new InputError(`--set: PATH=VALUE, got ${describeValue(assignment)}`);
  const pathText = assignment.slice(0, eq).trim();
  const segments = parsePath(pathText);
  let value: unknown;
  try {
    const doc = YAML.parseDocument(assignment.slice(eq + 1), { prettyErrors: false });
    if (doc.errors.length > 0) throw new Error(firstLine(doc.errors[0].message));
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(`--set ${pathText}: a YAML value, got a syntax error (${firstLine((err as Error).message)})`);
  }
  const root: unknown = raw === undefined || raw === null ? {} : structuredCloneSafe(raw);
  if (!isContainer(root))
    throw new InputError(`--set ${pathText}: a scenario mapping to set into, got ${describeValue(root)}`);
  let node: Record<string | number, unknown> = root as Record<string | number, unknown>;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    const here = pathText.length > 0 ? prefix(segments, i) : '';
    if (typeof seg === 'number') {
      if (!Array.isArray(node))
        throw new InputError(`--set ${pathText}: ${here || 'the scenario'} to be a list, got ${describeValue(node)}`);
      if (seg > node.length)
        throw new InputError(`--set ${pathText}: an index <= ${node.length} in ${here || 'the scenario'}, got ${seg}`);
    } else if (Array.isArray(node)) {
      throw new InputError(`--set ${pathText}: ${here || 'the scenario'} to be a mapping, got a list`);
    }
    if (last) {
      node[seg] = value;
      break;
    }
    let next = node[seg];
    if (next === undefined || next === null) {
      next = typeof segments[i + 1] === 'number' ? [] : {};
      node[seg] = next;
    }
    if (!isContainer(next))
      throw new InputError(
        `--set ${pathText}: ${prefix(segments, i + 1)} to be a mapping or list, got ${describeValue(next)}`,
      );
    node = next as Record<string | number, unknown>;
  }
  return root;
}

function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|(\.)/y;
  let pos = 0;
  let expectKey = true;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) break;
    if (m[1] !== undefined) {
      if (!expectKey) break;
      if (FORBIDDEN.has(m[1])) throw new InputError(`--set ${text}: a scenario field, got ${describeValue(m[1])}`);
      segments.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (segments.length === 0) break;
      segments.push(Number(m[2]));
    } else {
      if (expectKey) break;
      expectKey = true;
    }
    pos = re.lastIndex;
  }
  if (pos !== text.length || segments.length === 0 || expectKey) {
    throw new InputError(`--set: a PATH like workload.arrivals[0].load, got ${describeValue(text)}`);
  }
  return segments;
}

function prefix(segments: readonly Segment[], n: number): string {
  let out = '';
  for (const s of segments.slice(0, n)) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** A deep copy of plain data; anything uncloneable is reported as bad input, never thrown raw. */
function structuredCloneSafe(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    throw new InputError(`--set: plain data to set into, got ${describeValue(v)}`);
  }
}
