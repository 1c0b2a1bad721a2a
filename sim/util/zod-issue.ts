// Zod issues as the one-line messages every input file gets: `<field.path>: <expected>, got <what>`.
// Scenario files, trace specs, sweep files and sweep manifests all speak this one vocabulary.

import type { z } from 'zod';
import { describeValue, formatPath } from './errors.ts';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Unknown keys first (a typo usually also shows up as a missing field), then the schema's order. */
export function pickIssue(issues: readonly Issue[]): Issue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
}

/** `<field.path>: <expected>, got <what>`; `at` prefixes the path (a schema embedded in a larger file). */
export function formatIssue(issue: Issue, at: readonly PropertyKey[] = []): string {
  return `${formatPath([...at, ...issue.path])}: ${describeIssue(issue)}`;
}

/** `<expected>, got <what>`. A union names its alternatives through its `error` option (zod's is generic). */
export function describeIssue(issue: Issue): string {
  const got = 'input' in issue ? describeValue(issue.input) : 'nothing';
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'unrecognized_keys':
      return `only known keys, got unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_type':
      return `${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${got}`;
    case 'too_small':
    case 'too_big':
      return `${describeBound(issue)}, got ${got}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'invalid_key':
      return `${issue.issues[0]?.message ?? 'a valid key'} as key, got ${got}`;
    default:
      return `${issue.message}, got ${got}`;
  }
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  const bound = small ? issue.minimum : issue.maximum;
  if (issue.origin === 'array') return `a list with ${op} ${bound} entries`;
  if (issue.origin === 'string')
    return small && Number(bound) === 1 ? 'a non-empty string' : `a string of length ${op} ${bound}`;
  return `a number ${op} ${bound}`;
}
