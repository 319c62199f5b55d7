import { HttpError } from './errors.js';
import { readJsonBody, sendJson } from './json.js';
import { createRouter } from './router.js';

/**
 * Where the service writes its log lines.
 * @typedef {{ info(message: string): void, error(message: string): void }} Logger
 */

/**
 * The service's request listener: routes each request and sends the route's reply as JSON.
 * Unknown paths get 404 JSON, known paths with another method 405, and unexpected failures
 * 500 JSON without details. The details go to the log, which never gets headers or bodies:
 * they carry passwords and tokens.
 * @param {{ routes: readonly import('./router.js').Route[], logger: Logger }} options
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void>}
 */
export function createHandler({ routes, logger }) {
  const router = createRouter(routes);
  return async function handleRequest(request, response) {
    const started = performance.now();
    const method = request.method ?? 'GET';
    let path = '/';
    let status = 500;
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      path = url.pathname;
      const found = router.find(method, path);
      if (found.kind === 'not-found') {
        throw new HttpError(404, 'not_found', `there is no route ${method} ${path}`);
      }
      if (found.kind === 'method-not-allowed') {
        const allow = found.allow.join(', ');
        throw new HttpError(
          405,
          'method_not_allowed',
          `${method} is not allowed here; use ${allow}`,
          {
            headers: { allow },
          },
        );
      }
      const reply = await found.route.handle({
        method,
        path,
        params: found.params,
        query: url.searchParams,
        headers: request.headers,
        readJson: () => readJsonBody(request),
      });
      status = reply.status;
      sendJson(response, reply.status, reply.body, reply.headers);
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        sendJson(response, error.status, error.toJSON(), error.headers);
        return;
      }
      status = 500;
      logger.error(
        `${method} ${path} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      if (response.headersSent) {
        response.destroy();
      } else {
        sendJson(response, 500, { error: 'internal', message: 'something went wrong on our side' });
      }
    } finally {
      logger.info(`${method} ${path} ${status} ${Math.round(performance.now() - started)}ms`);
    }
  };
}
