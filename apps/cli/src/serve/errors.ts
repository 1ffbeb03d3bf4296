/**
 * Errors as JSON: `{ error: { code, message } }` with the HTTP status that fits: a request that
 * fails validation is 400 naming the field, an unknown id 404 (with examples of valid ids), a body
 * over the limit 413, an item the model cannot take 409, anything unexpected 500.
 */
import { isKg4recError } from '@kg4rec/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** An id the model does not know: 404, with a few valid ones. */
export class NotFound extends Error {
  constructor(
    readonly what: string,
    readonly id: string,
    readonly examples: readonly string[],
  ) {
    super(`no ${what} '${id}' (${what}s look like: ${examples.join(', ')}, …)`);
  }
}

const STATUS_OF_CODE: Record<string, number> = {
  INVALID_CONFIG: 409,
  INVALID_ARGUMENT: 400,
  SHAPE_MISMATCH: 400,
  IO_ERROR: 400,
  PARSE_ERROR: 400,
};

/** The status, code, message and extra fields of the JSON answer to `error`. */
function answer(error: FastifyError | Error): [number, string, string, Record<string, unknown>?] {
  if (error instanceof NotFound) return [404, 'NOT_FOUND', error.message, { examples: error.examples }];
  const fastify = error as FastifyError;
  if (fastify.validation) {
    const first = fastify.validation[0];
    const field = `${fastify.validationContext ?? 'request'}${first?.instancePath ? first.instancePath.replaceAll('/', '.') : ''}`;
    return [400, 'INVALID_REQUEST', `${field}: ${first?.message ?? 'is invalid'}`, { field }];
  }
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return [413, 'BODY_TOO_LARGE', fastify.message];
  if (fastify.statusCode && fastify.statusCode < 500) return [fastify.statusCode, fastify.code ?? 'BAD_REQUEST', fastify.message];
  if (isKg4recError(error)) return [STATUS_OF_CODE[error.code] ?? 500, error.code, error.message];
  return [500, 'INTERNAL', `internal error: ${error.name}: ${error.message}`];
}

/** Fastify's error handler: every error becomes one JSON body. */
export function sendError(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, code, message, extra = {}] = answer(error);
  void reply.status(status).send({ error: { code, message, ...extra } });
}
