/**
 * `kg4rec serve`'s HTTP API over one saved run, loaded once: recommendations, explanations, new
 * items, health, and its OpenAPI document. Requests are validated by their JSON schemas; errors
 * are JSON (`errors.ts`); scoring batches the requests that arrive together (`batcher.ts`).
 */
import swagger from '@fastify/swagger';
import { describeCkg, itemTitle } from '@kg4rec/kg';
import type { openSavedRun } from '@kg4rec/trainer';
import Fastify, { type FastifyInstance } from 'fastify';
import { knownCandidates, rankedList, topItems } from '../commands/candidates';
import { trainingItems } from '../commands/run-lookup';
import { ScoreBatcher } from './batcher';
import { NotFound, sendError } from './errors';
import { type NewItemBody, NewItemStore } from './new-items';
import { EXPLANATION, HEALTH, NEW_ITEM, RECOMMENDATIONS } from './schemas';

type SavedRun = Awaited<ReturnType<typeof openSavedRun>>;

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** Largest request body accepted, in bytes (413 above). Default 1 MiB. */
  bodyLimit?: number;
}

/** The API over `run` (not yet listening: `listen` it, or `inject` requests in tests). */
export async function createServer(run: SavedRun, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 1 << 20, logger: false });
  await app.register(swagger, { openapi: { info: { title: `kg4rec: ${run.config.model.name}`, version: '0.1.0' } } });
  app.setErrorHandler(sendError);
  const { dataset } = run.data;
  const batcher = new ScoreBatcher(run.model, dataset.items.size);
  const added = new NewItemStore(run);
  const lookup = (kind: 'user' | 'item', token: string) => {
    const map = kind === 'user' ? dataset.users : dataset.items;
    const id = map.idOf(token);
    if (id === undefined) throw new NotFound(kind, token, map.list().slice(0, 5));
    return id;
  };

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', { schema: HEALTH }, async () => ({
    status: 'ok',
    model: run.config.model.name,
    users: dataset.users.size,
    items: dataset.items.size,
    newItems: added.size,
  }));

  app.get<{ Params: { user: string }; Querystring: { k: number; exclude: 'seen' | 'none' } }>(
    '/users/:user/recommendations',
    { schema: RECOMMENDATIONS },
    async (request) => {
      const { k, exclude } = request.query;
      const user = lookup('user', request.params.user);
      const scores = await batcher.score(user);
      const skip = exclude === 'seen' ? trainingItems(run.data, user) : new Set<number>();
      const known = await knownCandidates(run, user, scores, topItems(scores, k, skip));
      return { user: request.params.user, items: rankedList(known.candidates, await added.scores(user), k) };
    },
  );

  app.get<{ Params: { user: string; item: string } }>('/users/:user/items/:item/explanation', { schema: EXPLANATION }, async (request) => {
    const user = lookup('user', request.params.user);
    const item = lookup('item', request.params.item);
    const score = (await batcher.score(user))[item] as number;
    const split = await run.model.modalityScores?.(Int32Array.of(user), Int32Array.of(item));
    const neighbours = await run.model.attendedNeighbours?.(item, 5);
    const describe = describeCkg(dataset, run.data.ckg);
    return {
      user: request.params.user,
      item: request.params.item,
      title: itemTitle(dataset, item),
      score,
      ...(split && split.length > 1 ? { parts: Object.fromEntries(split.map((s) => [s.modality, s.scores[0] as number])) } : {}),
      ...(neighbours
        ? {
            neighbours: neighbours.map((n) => ({ relation: describe.relation(n.relation), node: describe.node(n.node), weight: n.weight })),
          }
        : {}),
    };
  });

  app.post<{ Body: NewItemBody }>('/items', { schema: NEW_ITEM }, async (request, reply) => {
    await added.add(request.body);
    return reply.status(201).send({ item: request.body.id, newItems: added.size });
  });
  return app;
}
