import { Document, isScalar, visit } from 'yaml';

/** `3000:3000` reads as a base-60 number to YAML 1.1 parsers; such strings are always quoted. */
const ambiguous = /^[\d.]+(?::[\d.]+)+$/;

/**
 * Data as YAML for tools with older parsers too: no anchors or aliases (each repeated object is
 * written out), port pairs quoted, long strings never folded.
 */
export function toYaml(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && ambiguous.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return document.toString({ lineWidth: 0 });
}
