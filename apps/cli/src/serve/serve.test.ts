import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Recommender } from '@kg4rec/core';
import { openSavedRun } from '@kg4rec/trainer';
import { writeClusteredDataset } from '@kg4rec/trainer/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-for-tests';
import { trainingItems } from '../commands/run-lookup';
import { serveCommand } from '../commands/serve';
import { ScoreBatcher } from './batcher';
import { createServer } from './server';

const scratch = mkdtempSync(join(tmpdir(), 'kg4rec-serve-'));
const out = join(scratch, 'kgat');
let run: Awaited<ReturnType<typeof openSavedRun>>;
let app: FastifyInstance;

beforeAll(async () => {
  const dataset = writeClusteredDataset(join(scratch, 'data'));
  const sets = ['model.options.dim=8', 'model.options.relationDim=8', 'model.options.layerDims=[8]'].flatMap((s) => ['--set', s]);
  expect(
    (await runCli('train', '--dataset', dataset, '--model', 'kgat', '--backend', 'cpu', '--epochs', '1', ...sets, '--out', out)).code,
  ).toBe(0);
  run = await openSavedRun(out);
  app = await createServer(run, { bodyLimit: 2048 });
}, 120_000);
afterAll(async () => {
  await app?.close();
  run?.model.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
};

describe('kg4rec serve', () => {
  it('answers health, recommendations without the training items, and an explanation', async () => {
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok', model: 'kgat', users: 40, items: 40, newItems: 0 } });
    const { status, body } = await get('/users/u3/recommendations?k=5');
    expect(status).toBe(200);
    expect(body.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    const scores = body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const expected = await run.model.fullSortScores(Int32Array.of(run.data.dataset.users.idOf('u3') as number));
    const first = body.items[0] as { item: string; score: number; title: string };
    expect(first.score).toBeCloseTo(expected[run.data.dataset.items.idOf(first.item) as number] as number, 5);
    expect(first.title).toMatch(/^Item \d+$/);
    const all = (await get('/users/u3/recommendations?k=40&exclude=none')).body.items.length;
    const unseen = (await get('/users/u3/recommendations?k=40')).body.items.length;
    const trained = trainingItems(run.data, run.data.dataset.users.idOf('u3') as number).size;
    expect(trained).toBeGreaterThan(0);
    expect([all, unseen]).toEqual([40, 40 - trained]);
    const why = await get('/users/u3/items/i1/explanation');
    expect(why.status).toBe(200);
    expect(why.body).toMatchObject({ user: 'u3', item: 'i1', title: 'Item 1' });
    expect(why.body.neighbours.length).toBeGreaterThan(0);
  });

  it('scores the requests that arrive together in one call, each user its own row', async () => {
    const calls: number[][] = [];
    const model = {
      fullSortScores: async (users: Int32Array) => {
        calls.push(Array.from(users));
        return Float32Array.from({ length: users.length * 3 }, (_, k) => 10 * (users[Math.floor(k / 3)] as number) + (k % 3));
      },
    } as unknown as Recommender;
    const batcher = new ScoreBatcher(model, 3);
    const rows = await Promise.all([4, 7, 4, 9].map((u) => batcher.score(u)));
    expect(calls).toEqual([[4, 7, 9]]);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [40, 41, 42],
      [70, 71, 72],
      [40, 41, 42],
      [90, 91, 92],
    ]);
    await batcher.score(1);
    expect(calls).toHaveLength(2);
  });

  it('answers errors as JSON: unknown ids with examples, bad queries naming the field, bodies too large, items it cannot take', async () => {
    const missing = await get('/users/nobody/recommendations');
    expect(missing).toEqual({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: "no user 'nobody' (users look like: u0, u1, u2, u3, u4, …)",
          examples: ['u0', 'u1', 'u2', 'u3', 'u4'],
        },
      },
    });
    expect((await get('/users/u1/items/nothing/explanation')).status).toBe(404);
    const badK = await get('/users/u1/recommendations?k=0');
    expect([badK.status, badK.body.error.code, badK.body.error.field]).toEqual([400, 'INVALID_REQUEST', 'querystring.k']);
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/items', payload: payload as object });
    const noId = await post({ title: 'x' });
    expect([noId.statusCode, noId.json().error.message]).toEqual([400, "body: must have required property 'id'"]);
    const large = await post({ id: 'big', text: 'x'.repeat(4096) });
    expect([large.statusCode, large.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const idOnly = await post({ id: 'new-1', text: 'A film.' });
    expect(idOnly.statusCode).toBe(409);
    expect(idOnly.json().error.message).toContain('kgat scores only the items it was trained with');
  });

  it('publishes an OpenAPI document of its routes', async () => {
    const { status, body } = await get('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/health',
      '/items',
      '/users/{user}/items/{item}/explanation',
      '/users/{user}/recommendations',
    ]);
  });

  it('listens on a port and stops cleanly when told to', async () => {
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const lines: string[] = [];
    const serving = serveCommand(
      { dir: out, port: 0, host: '127.0.0.1', bodyLimit: 1 << 20, stop: stopped },
      { out: (l) => lines.push(l), err: () => {} },
    );
    for (let k = 0; k < 100 && lines.length === 0; k++) await new Promise((r) => setTimeout(r, 50));
    const address = /on (http:\/\/[^:]+:\d+):/.exec(lines[0] ?? '')?.[1];
    expect(address).toBeDefined();
    const health = await fetch(`${address}/health`);
    expect(health.status).toBe(200);
    stop();
    expect(await serving).toBe(0);
    expect(lines.at(-1)).toBe('stopped');
  }, 60_000);
});
