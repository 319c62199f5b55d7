/**
 * What a route's handler gets.
 * @typedef {object} RequestContext
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} params The `:name` segments of the route's path, decoded.
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {() => Promise<unknown>} readJson The body as JSON (400 or 413 when it is not).
 * @property {string} [userId] The authenticated user, on routes that require one.
 */

/**
 * What a route's handler answers; the body is sent as JSON.
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]
 */

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {string} path A pattern such as `/todos/:id`.
 * @property {(request: RequestContext) => Reply | Promise<Reply>} handle
 */

/**
 * @typedef {{ kind: 'found', route: Route, params: Record<string, string> }
 *   | { kind: 'method-not-allowed', allow: string[] }
 *   | { kind: 'not-found' }} RouteMatch
 */

/**
 * Matches requests to routes by method and path segments.
 * @param {readonly Route[]} routes
 */
export function createRouter(routes) {
  const compiled = routes.map((route) => ({ route, pattern: segmentsOf(route.path) }));
  return {
    /**
     * @param {string} method
     * @param {string} path
     * @returns {RouteMatch}
     */
    find(method, path) {
      const segments = segmentsOf(path);
      const allow = [];
      for (const { route, pattern } of compiled) {
        const params = match(pattern, segments);
        if (params === null) continue;
        if (route.method === method) return { kind: 'found', route, params };
        allow.push(route.method);
      }
      return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
    },
  };
}

/** @param {string} path */
function segmentsOf(path) {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * @param {string[]} pattern
 * @param {string[]} segments
 * @returns {Record<string, string> | null}
 */
function match(pattern, segments) {
  if (pattern.length !== segments.length) return null;
  /** @type {Record<string, string>} */
  const params = {};
  for (const [index, expected] of pattern.entries()) {
    const actual = segments[index] ?? '';
    if (expected.startsWith(':')) {
      const value = decode(actual);
      if (value === null) return null;
      params[expected.slice(1)] = value;
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** @param {string} segment */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
