import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, scratchFiles } from './run-cli.ts';

// Bad input through the real CLI entry point: every case gets exit code 2, exactly one line on stderr (no stack
// trace), nothing on stdout, and no output directory created.

const { dir, file } = scratchFiles('priceclass-cli-');
const brokenTrace = file('broken.csv', 'app,func,end_timestamp,duration\na,f,notanumber,1\n');
const good = file(
  'good.yaml',
  'durationS: 1\ncluster: { machines: 2, coresPerMachine: 2 }\nworkload: { arrivals: [{ fromS: 0, load: 0.5 }] }\n',
);

afterEach(() => vi.restoreAllMocks());

const cases: [string, string[], RegExp][] = [
  ['bad YAML', ['run', file('yaml.yaml', 'durationS: [1,\n')], /yaml\.yaml:\d+:\d+: /],
  [
    'wrong type',
    ['run', file('type.yaml', 'durationS: ten\nworkload: { arrivals: [{ fromS: 0, load: 1 }] }\n')],
    /type\.yaml: durationS: /,
  ],
  [
    'unknown policy',
    ['run', file('pol.yaml', 'durationS: 1\npolicies: [fifo]\nworkload: { arrivals: [{ fromS: 0, load: 1 }] }\n')],
    /pol\.yaml: policies\[0\]: /,
  ],
  [
    'bad policy option',
    [
      'run',
      file(
        'opt.yaml',
        'durationS: 1\npolicies: [{ name: xx, k: 0 }]\nworkload: { arrivals: [{ fromS: 0, load: 1 }] }\n',
      ),
    ],
    /opt\.yaml: policies\[0\]\.k: /,
  ],
  [
    'negative rate',
    ['run', file('rate.yaml', 'durationS: 1\nworkload: { arrivals: [{ fromS: 0, ratePerS: -3 }] }\n')],
    /rate\.yaml: workload\.arrivals\[0\]\.ratePerS: /,
  ],
  [
    'weights vs classes',
    ['run', file('w.yaml', 'durationS: 1\nworkload: { arrivals: [{ fromS: 0, load: 1 }], classWeights: [1, 2, 3] }\n')],
    /w\.yaml: workload\.classWeights: /,
  ],
  [
    'zero machines',
    [
      'run',
      file('m.yaml', 'durationS: 1\ncluster: { machines: 0 }\nworkload: { arrivals: [{ fromS: 0, load: 1 }] }\n'),
    ],
    /m\.yaml: cluster\.machines: /,
  ],
  [
    'antagonist on a missing machine',
    ['run', good, '--set', 'antagonists=[{machines: [2], atS: 0, usableMemoryMB: 0}]'],
    /good\.yaml: antagonists\[0\]\.machines\[0\]: a machine id in 0\.\.1, got 2$/,
  ],
  [
    'antagonist with two kinds of usable memory',
    ['run', good, '--set', 'antagonists=[{machines: [0], atS: 0, usableMemoryMB: 0, usableFraction: 0.5}]'],
    /good\.yaml: antagonists\[0\]: exactly one of usableMemoryMB or usableFraction, got both$/,
  ],
  [
    'antagonist process with a bad depth',
    ['run', good, '--set', 'cluster.memoryMB=1024', '--set', 'antagonistProcess={ratePerS: 1, durationS: 1, depth: 2}'],
    /good\.yaml: antagonistProcess\.depth: a fraction of RAM left usable, in \[0, 1\], got 2$/,
  ],
  ['missing file', ['run', join(dir, 'nope.yaml')], /nope\.yaml: cannot read/],
  ['bad --seed', ['run', good, '--seed', 'x1'], /--seed/],
  ['bad --set path', ['run', good, '--set', 'cluster..machines=3'], /--set/],
  ['bad --set value', ['run', good, '--set', 'cluster.machines=-1'], /cluster\.machines: /],
  ['unknown --policy', ['run', good, '--policy', 'nosuch'], /--policy: unknown policy 'nosuch'/],
  ['unknown flag', ['run', good, '--frobnicate'], /unknown option/],
  ['missing scenario argument', ['run'], /missing required argument/],
  ['unknown command', ['fly'], /unknown command 'fly'/],
  [
    'bad trace option',
    ['run', file('tr.yaml', 'durationS: 1\nworkload: { trace: { format: azure2020, path: x.csv } }\n')],
    /tr\.yaml: workload\.trace\.format: /,
  ],
  [
    'broken trace file',
    ['run', file('trb.yaml', `durationS: 60\nworkload: { trace: { format: azure2021, path: ${brokenTrace} } }\n`)],
    /broken\.csv:2:\d+: /,
  ],
  ['bad sweep file', ['sweep', file('sw.yaml', 'grid: 3\n')], /sw\.yaml: /],
  ['bad --shard', ['sweep', 'fixtures/sweeps/tiny.yaml', '--shard', '3/2'], /--shard/],
  ['replay of a missing file', ['replay', join(dir, 'missing.json')], /missing\.json/],
];

describe('bad input: one line, exit 2, nothing written', () => {
  it.each(cases)('%s', async (_label, argv, message) => {
    const out = join(dir, `out-${_label.replace(/\W+/g, '-')}`);
    const withOut = argv[0] === 'run' || argv[0] === 'sweep' ? [...argv, '--out', out] : argv;
    const r = await runCli(withOut);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
  });
});
