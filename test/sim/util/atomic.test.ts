import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDirAtomic, writeFileAtomic } from '../../../sim/util/atomic.ts';

describe('atomic writes', () => {
  it('writes a file with no temp file left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-atomic-'));
    writeFileAtomic(join(dir, 'a.json'), '{"x":1}\n');
    writeFileAtomic(join(dir, 'a.json'), Buffer.from('{"x":2}\n'));
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"x":2}\n');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('replaces a directory whole, and leaves it untouched when filling fails', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pc-atomic-'));
    const out = join(parent, 'out');
    await writeDirAtomic(out, (tmp) => writeFileAtomic(join(tmp, 'one.txt'), '1'));
    await writeDirAtomic(out, (tmp) => writeFileAtomic(join(tmp, 'two.txt'), '2'));
    expect(readdirSync(out)).toEqual(['two.txt']);
    await expect(
      writeDirAtomic(out, (tmp) => {
        writeFileAtomic(join(tmp, 'half.txt'), 'x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(readdirSync(out)).toEqual(['two.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });
});
