import { validationError } from './errors.js';

/**
 * The body as a plain object, or a validation error on `body`.
 * @param {unknown} body
 * @returns {Record<string, unknown>}
 */
export function expectObject(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError({ body: 'must be a JSON object' });
  }
  return /** @type {Record<string, unknown>} */ (body);
}

/**
 * Starts a validation: one `fields` entry for each field the body has that is not `allowed`.
 * @param {Record<string, unknown>} body
 * @param {readonly string[]} allowed
 * @returns {Record<string, string>}
 */
export function unknownFields(body, allowed) {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const name of Object.keys(body)) {
    if (allowed.includes(name)) continue;
    // Defined, not assigned: a "__proto__" key must be reported, not set the prototype.
    Object.defineProperty(fields, name, {
      value: 'unknown field',
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return fields;
}

/**
 * Throws the 400 validation error when any field was found bad.
 * @param {Record<string, string>} fields
 */
export function throwIfInvalid(fields) {
  if (Object.keys(fields).length > 0) throw validationError(fields);
}

/**
 * The length of a text as people count characters (code points, not UTF-16 units).
 * @param {string} text
 */
export function characterCount(text) {
  return [...text].length;
}
