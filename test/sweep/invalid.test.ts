// Malformed sweep inputs: each is one line on stderr naming the file and the field (or flag), exit 2, no
// stack trace, and no output directory created.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, runCli, TINY, tempDir, writeSweep } from './helpers.ts';

const GRID = 'grid:\n  seed: [1, 2]\n';

const CASES: { name: string; text: string; expect: RegExp }[] = [
  { name: 'bad YAML', text: 'base: [1, 2\ngrid: {}', expect: /bad\.yaml:\d+:\d+: / },
  { name: 'unknown top-level key', text: `${BASE}${GRID}grids: {}\n`, expect: /unknown key 'grids'/ },
  { name: 'empty grid', text: `${BASE}grid: {}\n`, expect: /grid: at least one grid key, got an empty grid/ },
  {
    name: 'bad path in grid',
    text: `${BASE}grid:\n  workload.arivals[0].load: [0.5, 0.6]\n`,
    expect: /grid point 0 \(workload\.arivals\[0\]\.load=0\.5\): workload: only known keys, got unknown key 'arivals'/,
  },
  {
    name: 'value of the wrong type',
    text: `${BASE}grid:\n  workload.arrivals[0].load: [0.5, high]\n`,
    expect: /grid point 1 \(workload\.arrivals\[0\]\.load=high\): workload\.arrivals\[0\]\.load: a number, got "high"/,
  },
  {
    name: 'value out of range',
    text: `${BASE}grid:\n  cluster.machines: [2, 0]\n`,
    expect: /grid point 1 \(cluster\.machines=0\): cluster\.machines: a number >= 1, got 0/,
  },
  {
    name: 'missing base',
    text: GRID,
    expect: /base: .*got nothing|base: a scenario file path or an inline scenario mapping, got nothing/,
  },
  {
    name: 'base file not found',
    text: `base: nowhere.yaml\n${GRID}`,
    expect: /base: a readable scenario file, got "nowhere\.yaml" \(ENOENT\)/,
  },
  {
    name: 'axis not a list',
    text: `${BASE}grid:\n  seed: 3\n`,
    expect: /grid\.seed: a list of values, an integer range like "1\.\.5", or \{ from, to, step \}, got 3/,
  },
  {
    name: 'reversed range',
    text: `${BASE}grid:\n  seed: "5..1"\n`,
    expect: /grid\.seed: a range A\.\.B with A <= B, got "5\.\.1"/,
  },
  {
    name: 'bad key syntax',
    text: `${BASE}grid:\n  "workload..load": [1]\n`,
    expect: /grid: a scenario path like workload\.arrivals\[0\]\.load as key, got "workload\.\.load"/,
  },
  {
    name: 'duplicate values',
    text: `${BASE}grid:\n  seed: [1, 1]\n`,
    expect: /grid\.seed\[1\]: values that differ from each other, got 1 twice/,
  },
  { name: 'unknown metric', text: `${BASE}${GRID}metrics: [p42]\n`, expect: /metrics\[0\]: one of .*got "p42"/ },
  {
    name: 'bad policy option in grid',
    text: `${BASE}grid:\n  policies: [xx, { name: hermod, k: -1 }]\n`,
    expect: /grid point 1 \(policies=hermod\): policies\[0\]\.k: expected/,
  },
  {
    name: 'not a mapping',
    text: '- 1\n- 2\n',
    expect: /\(top level\): a mapping with base and grid, got an array of 2/,
  },
];

describe('invalid sweep files', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = writeSweep(dir, 'bad.yaml', c.text);
      const out = join(dir, 'out');
      const r = await runCli('sweep', [file, '--out', out, '--workers', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('bad.yaml');
      expect(r.stderr).toMatch(c.expect);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe('invalid flags', () => {
  for (const shard of ['2/2', '1/0', 'a/b', '1', '-1/2', '0/2/3']) {
    it(`--shard ${shard}`, async () => {
      const out = join(tempDir(), 'out');
      const r = await runCli('sweep', [TINY, '--shard', shard, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^priceclass sweep: --shard: I\/N with 0 <= I < N \(e\.g\. 0\/4\), got .*\n$/);
      expect(existsSync(out)).toBe(false);
    });
  }

  for (const workers of ['0', 'two', '1.5']) {
    it(`--workers ${workers}`, async () => {
      const out = join(tempDir(), 'out');
      const r = await runCli('sweep', [TINY, '--workers', workers, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^priceclass sweep: --workers: an integer from 1 to 1024/);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--out that is a file is refused and left alone', async () => {
    const dir = tempDir();
    const out = join(dir, 'file');
    writeFileSync(out, 'keep me');
    const r = await runCli('sweep', [TINY, '--out', out, '--workers', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: a directory, got a file/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('merge of a directory that is not a sweep output', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const r = await runCli('merge', [join(dir, 'empty'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\/sweep\.json: a sweep manifest .*got no such file\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('merge without --out', async () => {
    const r = await runCli('merge', [tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});
