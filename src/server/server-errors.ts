import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { LokiError, describeZodIssues } from '../core/index.ts';

/** The body of every error the API answers with. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** The HTTP status of an error: 404 for what does not exist, 400 for bad input, 500 otherwise. */
export function statusOf(error: LokiError): ContentfulStatusCode {
  if (error.code.endsWith('not-found')) return 404;
  if (error.code === 'server.unauthorized') return 401;
  if (error.code === 'server.forbidden-host') return 403;
  if (error.code === 'server.no-memory') return 503;
  if (error.category === 'bad-input') return 400;
  return 500;
}

/** Answers with an error as JSON; anything but a LokiError is a defect, reported without internals. */
export function errorResponse(c: Context, thrown: unknown): Response {
  const error = LokiError.isInstance(thrown)
    ? thrown
    : new LokiError({
        code: 'internal.unexpected',
        category: 'internal',
        message: 'unexpected error in the Loki server; its log has the details',
        cause: thrown,
      });
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return c.json(body, statusOf(error));
}

/** Parses a request's query with `schema`; a bad value is a `server.bad-request` naming it. */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  query: Record<string, string>,
): z.infer<Schema> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new LokiError({
    code: 'server.bad-request',
    category: 'bad-input',
    message: `bad query parameter: ${describeZodIssues(parsed.error)}`,
  });
}
