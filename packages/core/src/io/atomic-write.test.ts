import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFolderAtomic } from './atomic-write';

const root = mkdtempSync(join(tmpdir(), 'kg4rec-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeFolderAtomic', () => {
  it('refuses an existing folder unless asked to replace it, then swaps it whole', () => {
    const target = join(root, 'table');
    writeFolderAtomic(target, (dir) => writeFileSync(join(dir, 'a.txt'), 'one'));
    expect(() => writeFolderAtomic(target, () => {})).toThrow('already exists');
    writeFolderAtomic(target, (dir) => writeFileSync(join(dir, 'b.txt'), 'two'), { replace: true });
    expect(readdirSync(target)).toEqual(['b.txt']);
    expect(readdirSync(root)).toEqual(['table']);
  });

  it('leaves the old folder and no temporary behind when filling fails', () => {
    const target = join(root, 'table');
    expect(() =>
      writeFolderAtomic(
        target,
        (dir) => {
          writeFileSync(join(dir, 'c.txt'), 'half');
          throw new Error('disk full');
        },
        { replace: true },
      ),
    ).toThrow('disk full');
    expect(readFileSync(join(target, 'b.txt'), 'utf8')).toBe('two');
    expect(readdirSync(root)).toEqual(['table']);
    expect(existsSync(join(target, 'c.txt'))).toBe(false);
  });
});
