/**
 * GET /health: 200 `{"status":"ok"}` when the database answers a query, 503
 * `{"status":"unavailable"}` when it does not. No token needed, for load balancers and probes.
 * @param {{ db: import('node:sqlite').DatabaseSync }} deps
 * @returns {import('../http/router.js').Route[]}
 */
export function healthRoutes({ db }) {
  return [
    {
      method: 'GET',
      path: '/health',
      handle() {
        try {
          db.prepare('SELECT 1').get();
          return { status: 200, body: { status: 'ok' } };
        } catch {
          return { status: 503, body: { status: 'unavailable' } };
        }
      },
    },
  ];
}
