import { stripVTControlCharacters } from 'node:util';

// C0 and C1 control characters, line breaks and tabs included.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * A copy of `value` whose every string is safe to show on one terminal line: colour codes and
 * cursor movements removed, line breaks and other control characters turned into a space.
 * Event text comes from outside (tool output, model replies, error messages): one stray
 * newline would break a redrawn frame, one escape would put colour into a CI log.
 */
export function displaySafe<Value>(value: Value): Value {
  return clean(value) as Value;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') {
    return stripVTControlCharacters(value).replace(controlCharacters, ' ');
  }
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, clean(field)]));
  }
  return value;
}
