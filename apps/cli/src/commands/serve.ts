/**
 * `kg4rec serve <run>`: the run's model loaded once behind an HTTP JSON API (`../serve/server.ts`)
 * until SIGTERM or SIGINT, which close the server (requests in flight finish) and exit 0.
 */
import { Kg4recError } from '@kg4rec/core';
import { openSavedRun } from '@kg4rec/trainer';
import { type Command, parseCommandLine } from '../command';
import type { Output } from '../io';
import { createServer } from '../serve/server';

/** Options of {@link serveCommand}. */
export interface ServeOptions {
  dir: string;
  port: number;
  host: string;
  bodyLimit: number;
  backend?: string;
  /** Resolves when the server should stop (default: on SIGTERM or SIGINT). */
  stop?: Promise<void>;
}

const signalled = () =>
  new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
  });

/** Serves a run until stopped; returns the exit code. */
export async function serveCommand(options: ServeOptions, io: Output): Promise<number> {
  const run = await openSavedRun(options.dir, options.backend);
  try {
    const app = await createServer(run, { bodyLimit: options.bodyLimit });
    const address = await app.listen({ port: options.port, host: options.host });
    io.out(`serving ${options.dir} (${run.config.model.name}) on ${address}: GET /health, /openapi.json`);
    await (options.stop ?? signalled());
    await app.close();
    io.out('stopped');
    return 0;
  } finally {
    run.model.dispose();
  }
}

const integer = (name: string, text: string | undefined, min: number) => {
  const value = /^\d+$/.test(text ?? '') ? Number(text) : Number.NaN;
  if (!(value >= min)) throw new Kg4recError('INVALID_ARGUMENT', `--${name} must be an integer of at least ${min}, got '${text}'`);
  return value;
};

/** `kg4rec serve`. */
export const serve: Command = {
  name: 'serve',
  usage: () => `  serve <run folder> [--port 8080] [--host 127.0.0.1] [--body-limit 1048576] [--backend <name>]
                       An HTTP JSON API over the run's model: GET /users/{id}/recommendations
                       ?k=20&exclude=seen, GET /users/{id}/items/{item}/explanation, POST /items
                       (a new item's text, poster path or features; content models), GET /health,
                       GET /openapi.json. Stops on SIGTERM or SIGINT.`,
  run: async (args, io) => {
    const { values, positionals } = parseCommandLine(args, {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'body-limit': { type: 'string', default: String(1 << 20) },
      backend: { type: 'string' },
    });
    const [dir] = positionals;
    if (!dir) throw new Kg4recError('INVALID_ARGUMENT', 'serve needs a run folder');
    const port = integer('port', values.port, 0);
    const bodyLimit = integer('body-limit', values['body-limit'], 1);
    return serveCommand(
      { dir, port, host: values.host ?? '127.0.0.1', bodyLimit, ...(values.backend ? { backend: values.backend } : {}) },
      io,
    );
  },
};
