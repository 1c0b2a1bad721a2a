// A distribution field of a zod schema: parsed by parseDist, its issues re-emitted under the field's path.
// Shared by the scenario schema and the sections it embeds (antagonists).

import { z } from 'zod';
import { type DistIssue, type DistSpec, parseDist } from './distribution.ts';

/** A distribution (or a bare number) at this field; `defaultValue` stands in when the field is absent. */
export function distField(defaultValue?: unknown) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): DistSpec => {
      const issues: DistIssue[] = [];
      const spec = parseDist(value === undefined ? defaultValue : value, issues);
      for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
      return spec ?? ({ dist: 'deterministic', value: 0 } as DistSpec);
    });
}
