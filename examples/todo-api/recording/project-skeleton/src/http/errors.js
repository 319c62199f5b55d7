/**
 * An error with an HTTP answer: its status and the JSON body the client gets. Routes throw it;
 * the request handler turns it into the response.
 */
export class HttpError extends Error {
  name = 'HttpError';

  /**
   * @param {number} status
   * @param {string} code A short machine-readable code, e.g. `not_found`.
   * @param {string} message A sentence for people.
   * @param {{ fields?: Record<string, string>, headers?: Record<string, string> }} [extra]
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers ?? {};
  }

  /** The JSON body of the response: `{error, fields}` for validation, else `{error, message}`. */
  toJSON() {
    return this.fields
      ? { error: this.code, fields: this.fields }
      : { error: this.code, message: this.message };
  }
}

/**
 * 400 listing every bad field and why, e.g. `{"error": "validation", "fields": {"title": "required"}}`.
 * @param {Record<string, string>} fields
 */
export function validationError(fields) {
  return new HttpError(400, 'validation', 'the request is invalid', { fields });
}

/** 404 with a JSON body. */
export function notFound(message = 'not found') {
  return new HttpError(404, 'not_found', message);
}
