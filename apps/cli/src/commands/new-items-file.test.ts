import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetBuilder } from '@kg4rec/kg';
import { afterAll, describe, expect, it } from 'vitest';
import { readNewItemsFile } from './new-items-file';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-new-items-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const builder = new DatasetBuilder();
builder.items.add('i1');
builder.users.add('u1');
builder.addInteraction(0, 0);
const dataset = builder.build('tiny');

/** Writes `lines` as a file and reads it. */
function read(name: string, lines: string[]) {
  const file = join(scratch, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, rows: readNewItemsFile(file, dataset) };
}

describe('readNewItemsFile', () => {
  it('reads items by the header’s columns, posters relative to the file, empty fields as absent', async () => {
    const { rows } = read('good.tsv', ['text\tid\tposter', 'A cat film.\tn1\tposters/cat.jpg', '\tn2\t/abs/dog.png', '']);
    expect(await rows).toEqual([
      { name: 'n1', title: '', poster: join(scratch, 'posters/cat.jpg'), text: 'A cat film.' },
      { name: 'n2', title: '', poster: '/abs/dog.png' },
    ]);
  });

  it('names the file, the line and what was expected', async () => {
    await expect(read('header.tsv', ['id\tname', 'n1\tx']).rows).rejects.toThrow(
      'header.tsv line 1: expected a tab-separated header of id, title, poster, text (id and poster or text required)',
    );
    await expect(read('short.tsv', ['id\ttext', 'n1']).rows).rejects.toThrow('short.tsv line 2: expected 2 tab-separated fields, got 1');
    await expect(read('known.tsv', ['id\ttext', 'i1\tx']).rows).rejects.toThrow(
      "known.tsv line 2: item 'i1' is already in tiny; a new item needs a new id",
    );
    await expect(read('twice.tsv', ['id\ttext', 'n1\tx', 'n1\ty']).rows).rejects.toThrow("twice.tsv line 3: item 'n1' is listed twice");
    await expect(read('empty-id.tsv', ['id\ttext', '\tx']).rows).rejects.toThrow('empty-id.tsv line 2: the id is empty');
    await expect(read('none.tsv', ['id\ttext']).rows).rejects.toThrow('none.tsv: expected a header line and at least one item, found none');
  });
});
