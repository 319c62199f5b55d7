import { describe, expect, it } from 'vitest';
import { severityRank } from './finding.ts';
import { scanDirectory } from './scan-directory.ts';
import { writeTree } from './test-support.ts';

// Ordinary code written by people of many languages: text in strings, comments and docs,
// emoji of every kind (skin tones, ZWJ families, flags, the tag-sequence flags of Scotland and
// Wales), Persian with its zero-width non-joiner, Hebrew with a direction mark, and identifiers
// in one script each: accented Latin, Greek, Han, Japanese kana with kanji, Hangul, Arabic.
const corpus: Record<string, string> = {
  'src/greetings.ts': [
    '// 多语言问候：每种语言一行。Arabic: مرحبا بالعالم',
    'export const greetings: Record<string, string> = {',
    "  zh: '你好，世界',",
    "  ja: 'こんにちは、世界',",
    "  ko: '안녕하세요 세계',",
    "  ar: 'مرحبا بالعالم',",
    "  he: '\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD\u200F!',",
    "  fa: 'می\u200Cخواهم بروم',",
    "  hi: 'नमस्ते दुनिया',",
    "  ru: 'Привет, мир',",
    "  emoji: '👋🏽 👨\u200D👩\u200D👧\u200D👦 🇯🇵 🏳️\u200D🌈 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}',",
    '};',
    '',
    'const café = "crème brûlée"; // naïve façade, straße',
    'const π = Math.PI;',
    'const Ελληνικά = "γειά σου";',
    'export const total = café.length + π + Ελληνικά.length;',
  ].join('\n'),
  'src/names.js': [
    '/* 名前の一覧 — Japanese identifiers mixing kanji and kana are ordinary */',
    'const ユーザー名 = "山田太郎";',
    'const userName名前 = ユーザー名;',
    'const 사용자 = "김철수";',
    'const اسم_المستخدم = "أحمد";',
    'const 数量 = 3;',
    'module.exports = { ユーザー名, userName名前, 사용자, اسم_المستخدم, 数量 };',
  ].join('\n'),
  'app/i18n.py': [
    '# -*- coding: utf-8 -*-',
    '"""Traductions: été, garçon, 中文, العربية, 日本語."""',
    'MESSAGES = {',
    '    "fr": "Bonjour à tous 🎉",',
    '    "zh": "欢迎使用",',
    '    "ar": "أهلاً وسهلاً",',
    '    "ja": "ようこそ 🍣",',
    '}',
    'def traduire(clé: str, année: int) -> str:',
    '    # Renvoie le message — « naïf » mais suffisant',
    '    return MESSAGES.get(clé, "?") + str(année)',
    '',
    'def 問候(名前):',
    '    return f"こんにちは、{名前}さん"',
  ].join('\n'),
  'docs/README.md': [
    '# 多言語ドキュメント',
    '',
    'Привет! مرحبا! שלום! 你好! 👩🏾‍💻 Build with `npm test` ✅',
    '',
    '| язык | 언어 | لغة |',
    '| --- | --- | --- |',
    '| русский | 한국어 | العربية |',
  ].join('\n'),
  'locales/fr.json': '{ "hello": "Bonjour", "bye": "Au revoir 👋", "zh": "再见" }\n',
};

describe('ordinary multilingual code', () => {
  it('passes the audit with no finding above low', async () => {
    const root = writeTree(corpus);
    const report = await scanDirectory(root, { workers: 0 });
    const notable = report.findings.filter(
      (finding) => severityRank(finding.severity) > severityRank('low'),
    );
    expect(notable).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.filesScanned).toBe(Object.keys(corpus).length);
  });

  it('reports the Hebrew direction mark in a string only as low', async () => {
    const root = writeTree(corpus);
    const report = await scanDirectory(root, { workers: 0 });
    expect(
      report.findings.map(({ file, line, severity, codePoint }) => ({
        file,
        line,
        severity,
        codePoint,
      })),
    ).toEqual([
      {
        file: 'src/greetings.ts',
        line: 7,
        severity: 'low',
        codePoint: 'U+200F RIGHT-TO-LEFT MARK',
      },
    ]);
  });
});
