// Fails (exit 1) when a tracked source file has a line longer than 120 columns: Biome wraps code at 120 but not
// long strings or comments. Part of `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.js', '*.mjs'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f.length > 0 && !f.startsWith('fixtures/'));
const long = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.length > LIMIT) long.push(`${file}:${i + 1}: ${line.length} columns`);
    });
}
if (long.length > 0) {
  process.stderr.write(`lines over ${LIMIT} columns:\n${long.join('\n')}\n`);
  process.exit(1);
}
