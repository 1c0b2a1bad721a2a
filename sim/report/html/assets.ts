// The browser builds of vega, vega-lite and vega-embed, read from node_modules and inlined into each page, so a
// report opens from file:// with no network. Read once per process.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The package's directory: its main file's nearest ancestor holding a package.json of that name. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === name) return dir;
    } catch {
      // no package.json here: keep climbing
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the directory of the package ${name}`);
    dir = up;
  }
}

const BUILDS = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

let cached: string | undefined;

/** One <script> per library, in load order (vega-lite and vega-embed use the globals of those before them). */
export function vegaScripts(): string {
  cached ??= BUILDS.map(([name, file]) => inlineScript(readFileSync(join(packageDir(name), file), 'utf8'))).join('\n');
  return cached;
}

/** A script element whose text cannot end it early (a literal "</script" inside is split). */
export function inlineScript(code: string): string {
  const safe = code.replace(/<\/(script)/gi, '<\\/$1').replace(/\/\/# sourceMappingURL=\S+/g, '');
  return `<script>${safe}</script>`;
}
