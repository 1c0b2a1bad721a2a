import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// --help and --version: exit 0, the answer on stdout, nothing on stderr.

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

describe('--help and --version', () => {
  it.each([['--version'], ['-V']])('priceclass %s prints the package version', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    ['run', /^Usage: priceclass run \[options\] <scenario>/],
    ['sweep', /^Usage: priceclass sweep \[options\] <sweep>/],
    ['merge', /^Usage: priceclass merge \[options\] <dirs\.\.\.>/],
  ])('priceclass %s --help (and -h) shows its usage and options', async (command, usage) => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([command, flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(usage);
      expect(r.stdout).toMatch(/--out <dir>/);
    }
  });

  it('priceclass --help lists every command; no command at all is a usage error (exit 2)', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['run', 'sweep', 'conform', 'merge', 'check', 'replay', '--version']) {
      expect(help.stdout).toContain(`priceclass ${command}`);
    }
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });
});
