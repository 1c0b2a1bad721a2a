import { z } from 'zod';

// A knob is a choice the paper leaves open, declared once: its schema (which values are legal), its default and
// what it means. The TypeScript types (Policy, ModelKnobs), the scenario schema (sim/scenario/schema.ts), the
// defaults and the table in model/README.md all derive from these declarations (a test keeps the table true).

export interface Knob<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly defaultValue: z.output<S>;
  readonly doc: string;
}

export function knob<S extends z.ZodType>(schema: S, defaultValue: z.output<S>, doc: string): Knob<S> {
  return { schema, defaultValue, doc };
}

export type KnobTable = Readonly<Record<string, Knob>>;

export type KnobValues<K extends KnobTable> = { readonly [P in keyof K]: z.output<K[P]['schema']> };

export function defaultsOf<K extends KnobTable>(knobs: K): KnobValues<K> {
  const values: Record<string, unknown> = {};
  for (const [name, k] of Object.entries(knobs)) values[name] = k.defaultValue;
  return values as KnobValues<K>;
}

/** A strict zod object in which every knob is optional (a scenario's `model:` section, a policy's options). */
export function optionalSchemaOf<K extends KnobTable>(knobs: K) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, k] of Object.entries(knobs)) shape[name] = k.schema.optional();
  return z.strictObject(shape) as z.ZodType<Partial<KnobValues<K>>>;
}

/** What values a knob takes, in words, read off its schema (for docs and error messages). */
export function describeSchema(schema: z.ZodType): string {
  if (schema instanceof z.ZodEnum) return schema.options.map((o) => `\`${String(o)}\``).join(' \\| ');
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodNumber) {
    const kind = schema.isInt ? 'integer' : 'number';
    const min = schema.minValue !== null && schema.minValue > -Number.MAX_VALUE ? ` >= ${schema.minValue}` : '';
    const max = schema.maxValue !== null && schema.maxValue < Number.MAX_SAFE_INTEGER ? ` <= ${schema.maxValue}` : '';
    return `${kind}${min}${max}`;
  }
  return schema.type;
}

/** The markdown table of a knob table: name, values, default, meaning. */
export function knobTableMarkdown(knobs: KnobTable): string {
  const rows = Object.entries(knobs).map(
    ([name, k]) => `| \`${name}\` | ${describeSchema(k.schema)} | \`${JSON.stringify(k.defaultValue)}\` | ${k.doc} |`,
  );
  return ['| knob | values | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
