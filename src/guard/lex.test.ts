import { describe, expect, it } from 'vitest';
import { lexJavaScript } from './lex-javascript.ts';
import { lexPython } from './lex-python.ts';
import type { SourceContext } from './source-regions.ts';

/** The context of the first occurrence of each marker in the text. */
function contexts(
  lex: typeof lexJavaScript,
  text: string,
  markers: readonly string[],
): Record<string, SourceContext> {
  const regions = lex(text, false);
  return Object.fromEntries(
    markers.map((marker) => [marker, regions.contextAt(text.indexOf(marker))]),
  );
}

describe('lexJavaScript', () => {
  it('tells code from strings, comments, templates and regular expressions', () => {
    const text = [
      '#!/usr/bin/env node',
      'const a = "s1 // not a comment"; // c1',
      "const b = 's2' /* c2 */ + x / y / z;",
      'const re = /r1["\'`/]/g.test(s) ? 1 : 2;',
      'const t = `t1 ${ code1 + `t2 ${ {k: "s3"}.k }` } t3`;',
      'if (ok) return /r2/.source;',
      'const d = total / count; // c3',
    ].join('\n');
    expect(
      contexts(lexJavaScript, text, [
        'env node',
        's1',
        '// not',
        'c1',
        's2',
        'c2',
        'x /',
        'r1',
        '? 1',
        't1',
        'code1',
        't2',
        's3',
        't3',
        'r2',
        'count',
        'c3',
      ]),
    ).toEqual({
      'env node': 'comment',
      s1: 'string',
      '// not': 'string',
      c1: 'comment',
      s2: 'string',
      c2: 'comment',
      'x /': 'code',
      r1: 'string',
      '? 1': 'code',
      t1: 'string',
      code1: 'code',
      t2: 'string',
      s3: 'string',
      t3: 'string',
      r2: 'string',
      count: 'code',
      c3: 'comment',
    });
  });

  it('ends an unterminated string at its line, so one bad guess costs one line', () => {
    const text = "<p>Don't panic</p>;\nconst after = 1;";
    expect(contexts(lexJavaScript, text, ['after'])).toEqual({ after: 'code' });
  });

  it('lists identifiers in code only, when one of them is not ASCII', () => {
    const ascii = lexJavaScript('const total = count + 1; // größe', true);
    expect([...ascii.identifiers.keys()]).toEqual([]);
    const text = 'const größe = 0x1F + count; // kommentar\nconst s = "wort";';
    expect([...lexJavaScript(text, true).identifiers.keys()]).toEqual([
      'const',
      'größe',
      'count',
      's',
    ]);
  });
});

describe('lexPython', () => {
  it('knows string prefixes, triple quotes and comments', () => {
    const text = [
      'x = f"s1 {y}"  # c1',
      "z = rb'''s2",
      "still s3''' + w",
      'if"s4": pass',
      'name = "s5 # not a comment"',
    ].join('\n');
    expect(
      contexts(lexPython, text, ['f"s1', '{y}', 'c1', "rb'''", 's3', '+ w', 's4', 'pass', '# not']),
    ).toEqual({
      'f"s1': 'string',
      '{y}': 'string',
      c1: 'comment',
      "rb'''": 'string',
      s3: 'string',
      '+ w': 'code',
      s4: 'string',
      pass: 'code',
      '# not': 'string',
    });
    const regions = lexPython(text, false);
    expect(regions.contextAt(text.indexOf('if"'))).toBe('code');
  });
});
