// Errors about what the user gave us (scenario files, --set overrides, CLI values). The CLI prints the
// message as is, so it must be exactly one line: `<file>: <field.path>: <expected>, got <what>`.

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string) {
    // Never let a multi-line message through: the CLI promises one line on stderr.
    super(message.replace(/\s*\r?\n\s*/g, ' ').trim());
  }
}

/** A short, one-line description of a value for "got ..." (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The first line of a text, trimmed: what a one-line message keeps of a multi-line library error. */
export function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** `a.b[0].c` from a path of keys and indices. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** A bad command line (unknown flag value, missing argument): one line on stderr, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'UsageError';
  }
}
