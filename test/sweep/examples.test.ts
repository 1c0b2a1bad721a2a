// The batch-engine examples in sim/sweep/examples/: the README shows each file verbatim, the shell ones parse,
// and the Kubernetes Indexed Job (never run: no cluster here) has the fields an Indexed Job needs, with one
// shard per completion index. GNU parallel and Slurm run for real elsewhere (gnu-parallel.test.ts,
// scripts/slurm-test.sh).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseShard } from '../../sim/sweep/shard.ts';

const EXAMPLES = 'sim/sweep/examples';
const FILES = ['parallel.sh', 'sweep.sbatch', 'sweep-job.yaml'];
const readExample = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

/** The contents of the README's fenced code blocks. */
function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe('sim/sweep/README.md', () => {
  const blocks = fencedBlocks(readFileSync('sim/sweep/README.md', 'utf8'));
  it.each(FILES)('shows %s verbatim', (name) => {
    expect(blocks).toContain(readExample(name));
  });
});

describe('shell examples', () => {
  it.each(['parallel.sh', 'sweep.sbatch'])('%s is valid bash', (name) => {
    const r = spawnSync('bash', ['-n', join(EXAMPLES, name)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

interface Container {
  command?: string[];
  args?: string[];
}

describe('Kubernetes Indexed Job (sweep-job.yaml)', () => {
  const job = parse(readExample('sweep-job.yaml'));
  const spec = job.spec;
  const container: Container = spec.template.spec.containers[0];
  const commandLine = [...(container.command ?? []), ...(container.args ?? [])].join(' ');

  it('is an Indexed batch/v1 Job whose pods are never restarted in place', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.kind).toBe('Job');
    expect(spec.completionMode).toBe('Indexed');
    expect(Number.isInteger(spec.completions) && spec.completions >= 1).toBe(true);
    expect(Number.isInteger(spec.parallelism) && spec.parallelism >= 1).toBe(true);
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions);
    // A Job's pod template allows only Never or OnFailure.
    expect(['Never', 'OnFailure']).toContain(spec.template.spec.restartPolicy);
    expect(spec.template.spec.containers).toHaveLength(1);
  });

  it('runs shard $JOB_COMPLETION_INDEX of N = completions, each into its own directory', () => {
    // `$VAR` needs a shell (sh -c); `$(VAR)` is expanded by Kubernetes itself.
    const shard = /--shard "?(\$JOB_COMPLETION_INDEX|\$\(JOB_COMPLETION_INDEX\))\/(\d+)"?/.exec(commandLine);
    if (shard === null) throw new Error(`no --shard in ${commandLine}`);
    if (shard[1].startsWith('$J')) expect(container.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(Number(shard[2])).toBe(spec.completions);
    for (let i = 0; i < spec.completions; i++) expect(parseShard(`${i}/${shard[2]}`).index).toBe(i);
    expect(commandLine).toMatch(/--out "?\S*JOB_COMPLETION_INDEX/);
  });

  it('sweeps a file in the repository', () => {
    const sweep = /priceclass\.js sweep (\S+)/.exec(commandLine);
    if (sweep === null) throw new Error(`no sweep file in ${commandLine}`);
    expect(existsSync(sweep[1])).toBe(true);
  });
});
