import { readFileSync, writeFileSync } from 'node:fs';
import { knobTableMarkdown, MODEL_KNOBS, POLICY_KNOBS, presetTableMarkdown } from '../../model/index.ts';

// The generated sections of model/README.md: the knob tables and the presets, derived from their declarations
// (model/policy.ts, model/config.ts). `npm run docs` rewrites them; test/sim/docs/model-readme.test.ts fails when
// the README is out of date.

export const README = 'model/README.md';

const SECTIONS: Readonly<Record<string, () => string>> = {
  'policy-knobs': () => knobTableMarkdown(POLICY_KNOBS),
  presets: presetTableMarkdown,
  'model-knobs': () => knobTableMarkdown(MODEL_KNOBS),
};

/** The README with every generated section replaced by what the declarations say now. */
export function regenerate(text: string): string {
  let out = text;
  for (const [name, generate] of Object.entries(SECTIONS)) {
    const begin = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = out.indexOf(begin);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${README}: missing the markers of section ${name}`);
    out = `${out.slice(0, from + begin.length)}\n${generate()}\n${out.slice(to)}`;
  }
  return out;
}

if (process.argv[1]?.endsWith('model-readme.ts')) {
  const text = readFileSync(README, 'utf8');
  const next = regenerate(text);
  if (next !== text) writeFileSync(README, next);
  process.stdout.write(next === text ? `${README} is up to date\n` : `rewrote the generated sections of ${README}\n`);
}
