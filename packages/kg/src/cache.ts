/**
 * A binary cache of loaded datasets, keyed by the sha256 of the source files and the load
 * options, so that a second load skips parsing. One file per entry: a magic string, a JSON header
 * (id map tokens, attributes, content, report counts, array layout), then the typed arrays.
 * Entries are written through a temporary file and a rename: never half-written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Kg4recError, writeFileAtomic } from '@kg4rec/core';
import type { CatalogueEntry, Dataset } from './dataset';
import { IdMap } from './id-map';
import { LoadReport, type WarningKind } from './report';

/**
 * Format and loader version: bump it whenever what a load produces changes (a field, a reader's
 * behaviour), so that entries written by older code are never served.
 */
const MAGIC = 'KG4REC-DATASET-3';

type ArrayName = 'user' | 'item' | 'rating' | 'timestamp' | 'given' | 'head' | 'relation' | 'tail' | 'itemEntity';
type StoredArray = Int32Array | Float64Array | Uint8Array;
const ARRAY_TYPES = { Int32Array, Float64Array, Uint8Array } as const;

interface Header {
  name: string;
  /** Each id map's tokens, or `{ range: n }` for an identity map. */
  tokens: Record<'users' | 'items' | 'entities' | 'relations', StoredIdMap>;
  itemAttributes: Array<[string, (string | null)[]]>;
  userAttributes: Array<[string, (string | null)[]]>;
  content?: { poster: (string | null)[]; text: (string | null)[]; catalogue?: CatalogueEntry[] };
  report: { strictness: LoadReport['strictness']; counts: Array<[WarningKind, number]>; firstMessage: Array<[WarningKind, string]> };
  arrays: Array<{ name: ArrayName; type: keyof typeof ARRAY_TYPES; offset: number; length: number }>;
}

function storedArrays(dataset: Dataset): Array<[ArrayName, StoredArray]> {
  const { interactions, triples } = dataset;
  const optional: Array<[ArrayName, StoredArray | undefined]> = [
    ['rating', interactions.rating],
    ['timestamp', interactions.timestamp],
    ['given', interactions.given],
  ];
  return [
    ['user', interactions.user],
    ['item', interactions.item],
    ...(optional.filter(([, array]) => array !== undefined) as Array<[ArrayName, StoredArray]>),
    ['head', triples.head],
    ['relation', triples.relation],
    ['tail', triples.tail],
    ['itemEntity', dataset.itemEntity],
  ];
}

type StoredIdMap = readonly string[] | { range: number };
const storeIdMap = (map: IdMap): StoredIdMap => (map.isIdentity ? { range: map.size } : map.list());
const loadIdMap = (stored: StoredIdMap) => ('range' in stored ? IdMap.range(stored.range) : IdMap.fromTokens(stored));

const orNull = (values: (string | undefined)[]) => Array.from(values, (v) => v ?? null);
const orUndefined = (values: (string | null)[]) => values.map((v) => v ?? undefined);

/** Serialises a dataset to bytes (see the module comment for the layout). */
export function serializeDataset(dataset: Dataset): Uint8Array {
  const arrays = storedArrays(dataset);
  let offset = 0;
  const layout = arrays.map(([name, array]) => {
    const entry = { name, type: array.constructor.name as keyof typeof ARRAY_TYPES, offset, length: array.length };
    offset += Math.ceil(array.byteLength / 8) * 8;
    return entry;
  });
  const header: Header = {
    name: dataset.name,
    tokens: {
      users: storeIdMap(dataset.users),
      items: storeIdMap(dataset.items),
      entities: storeIdMap(dataset.entities),
      relations: storeIdMap(dataset.relations),
    },
    itemAttributes: [...dataset.itemAttributes].map(([column, values]) => [column, orNull(values)]),
    userAttributes: [...dataset.userAttributes].map(([column, values]) => [column, orNull(values)]),
    ...(dataset.content
      ? {
          content: {
            poster: orNull(dataset.content.poster),
            text: orNull(dataset.content.text),
            ...(dataset.content.catalogue ? { catalogue: dataset.content.catalogue } : {}),
          },
        }
      : {}),
    report: { strictness: dataset.report.strictness, counts: [...dataset.report.counts], firstMessage: [...dataset.report.firstMessage] },
    arrays: layout,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(Math.ceil((MAGIC.length + 4 + headerBytes.length) / 8) * 8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);
  const body = new Uint8Array(offset);
  arrays.forEach(([, array], i) => {
    body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), layout[i]?.offset);
  });
  return Buffer.concat([prefix, body]);
}

/** Reads bytes written by {@link serializeDataset}; anything else is a `PARSE_ERROR`. */
export function deserializeDataset(bytes: Uint8Array, source = 'cache'): Dataset {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < MAGIC.length + 4 || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Kg4recError('PARSE_ERROR', `${source}: not a kg4rec dataset cache (bad magic)`);
  }
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buffer.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  const bodyStart = Math.ceil((MAGIC.length + 4 + headerLength) / 8) * 8;
  const body = new Uint8Array(buffer.subarray(bodyStart)); // a copy, 8-aligned
  const arrays = new Map<ArrayName, StoredArray>();
  for (const { name, type, offset, length } of header.arrays) {
    arrays.set(name, new ARRAY_TYPES[type](body.buffer, offset, length));
  }
  return fromHeader(header, arrays);
}

function fromHeader(header: Header, arrays: Map<ArrayName, StoredArray>): Dataset {
  const get = <A extends StoredArray>(name: ArrayName) => arrays.get(name) as A;
  const report = new LoadReport(header.report.strictness);
  for (const [kind, count] of header.report.counts) report.count(kind, count);
  for (const [kind, message] of header.report.firstMessage) report.firstMessage.set(kind, message);
  const interactions: Dataset['interactions'] = { user: get<Int32Array>('user'), item: get<Int32Array>('item') };
  if (arrays.has('rating')) interactions.rating = get<Float64Array>('rating');
  if (arrays.has('timestamp')) interactions.timestamp = get<Float64Array>('timestamp');
  if (arrays.has('given')) interactions.given = get<Uint8Array>('given');
  const dataset: Dataset = {
    name: header.name,
    users: loadIdMap(header.tokens.users),
    items: loadIdMap(header.tokens.items),
    entities: loadIdMap(header.tokens.entities),
    relations: loadIdMap(header.tokens.relations),
    interactions,
    triples: { head: get<Int32Array>('head'), relation: get<Int32Array>('relation'), tail: get<Int32Array>('tail') },
    itemEntity: get<Int32Array>('itemEntity'),
    itemAttributes: new Map(header.itemAttributes.map(([column, values]) => [column, orUndefined(values)])),
    userAttributes: new Map(header.userAttributes.map(([column, values]) => [column, orUndefined(values)])),
    report,
  };
  if (header.content) {
    const { poster, text, catalogue } = header.content;
    dataset.content = { poster: orUndefined(poster), text: orUndefined(text), ...(catalogue ? { catalogue } : {}) };
  }
  return dataset;
}

/** The cache folder: `$KG4REC_CACHE`, else `.kg4rec-cache` at the repository root, else the OS temp folder. */
export function cacheDir(from: string = process.cwd()): string {
  if (process.env.KG4REC_CACHE) return process.env.KG4REC_CACHE;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '.kg4rec-cache');
    if (dirname(dir) === dir) return join(tmpdir(), 'kg4rec-cache');
  }
}

/** The cache key of a load: sha256 over the format version, the options and every source file's bytes. */
export function cacheKey(files: readonly string[], options: unknown): string {
  const hash = createHash('sha256').update(MAGIC).update(JSON.stringify(options));
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(`${file}\0${statSync(file).size}\0`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Returns the cached dataset for these files and options, or loads it and caches it. A corrupt
 * entry is reloaded and replaced.
 */
export async function cachedLoad(
  files: readonly string[],
  options: unknown,
  load: () => Promise<Dataset>,
  dir = cacheDir(),
): Promise<Dataset> {
  const path = join(dir, `${cacheKey(files, options)}.kg4rec`);
  if (existsSync(path)) {
    try {
      return deserializeDataset(readFileSync(path), path);
    } catch {
      // Fall through: rebuild a corrupt entry.
    }
  }
  const dataset = await load();
  writeFileAtomic(path, serializeDataset(dataset));
  return dataset;
}
