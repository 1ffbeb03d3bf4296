import { join } from 'node:path';
import { isKg4recError } from '@kg4rec/core';
import { describe, expect, it } from 'vitest';
import { readLines } from '../index';
import { fixtureDir } from '../test-support/fixtures';

async function collect(path: string, encoding?: 'utf-8' | 'latin1') {
  const lines: Array<[number, string]> = [];
  for await (const line of readLines(path, encoding)) lines.push([line.number, line.text]);
  return lines;
}

async function failure(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('readLines', () => {
  const dir = fixtureDir({
    'lf.txt': 'a\nb\n',
    'crlf.txt': 'a\r\nb\r\nc',
    'blank-middle.txt': 'a\n\nb\n',
    'data.txt.gz': 'x\ny\n',
    'latin1.dat': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]),
    'bad.txt': new Uint8Array([0x6f, 0x6b, 0x0a, 0x6f, 0x6b, 0x0a, 0x62, 0xff, 0x64, 0x0a]),
    'empty.txt': '',
    'truncated.txt': new Uint8Array([0x61, 0x0a, 0x62, 0xc3]),
  });

  it('strips LF and CRLF line ends and numbers lines from 1, with or without a final line end', async () => {
    expect(await collect(join(dir, 'lf.txt'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(await collect(join(dir, 'crlf.txt'))).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(await collect(join(dir, 'blank-middle.txt'))).toEqual([
      [1, 'a'],
      [2, ''],
      [3, 'b'],
    ]);
  });

  it('reads gzip files and ISO-8859-1 files', async () => {
    expect(await collect(join(dir, 'data.txt.gz'))).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(await collect(join(dir, 'latin1.dat'), 'latin1')).toEqual([[1, 'Café']]);
  });

  it('names file and line of a byte that is not UTF-8', async () => {
    const error = await failure(() => collect(join(dir, 'bad.txt')));
    expect(isKg4recError(error, 'PARSE_ERROR')).toBe(true);
    expect((error as Error).message).toBe(`${join(dir, 'bad.txt')} line 3: expected UTF-8 text, found an invalid byte`);
  });

  it('reports a multi-byte character cut off at the end of the file', async () => {
    const error = await failure(() => collect(join(dir, 'truncated.txt')));
    expect((error as Error).message).toBe(`${join(dir, 'truncated.txt')} line 2: expected UTF-8 text, found an invalid byte`);
  });

  it('finds the line of a bad byte past the first chunk, and of one split across chunks', async () => {
    const line = 'abcdefgh\n';
    const bytes = Buffer.concat([Buffer.from(line.repeat(49_999)), Buffer.from([0x61, 0xc3, 0x0a]), Buffer.from(line.repeat(10))]);
    const big = fixtureDir({ 'big.txt': bytes });
    const error = await failure(() => collect(join(big, 'big.txt')));
    expect((error as Error).message).toMatch(/big\.txt line 50000: expected UTF-8 text/);
    const split = Buffer.concat([Buffer.from('x'.repeat(65_535)), Buffer.from('é\nok\n')]);
    expect((await collect(join(fixtureDir({ 's.txt': split }), 's.txt'))).map(([n, t]) => [n, t.length])).toEqual([
      [1, 65_536],
      [2, 2],
    ]);
  });

  it('yields nothing for an empty file and fails with IO_ERROR for a missing one', async () => {
    expect(await collect(join(dir, 'empty.txt'))).toEqual([]);
    const error = await failure(() => collect(join(dir, 'missing.txt')));
    expect(isKg4recError(error, 'IO_ERROR')).toBe(true);
    expect((error as Error).message).toContain('missing.txt: cannot read');
  });
});
