import type { Severity } from './finding.ts';

/**
 * One injection pattern. `pattern` finds candidate places cheaply (a global regular
 * expression); `judge` reads the match in its text and returns the severity, or null when the
 * place is safe (a constant argument, a safe loader). A match must start in code, except for
 * rules whose match starts at a string literal (`startsAtString`).
 */
export interface InjectionRule {
  id: string;
  /** A word that must appear in the file for the rule to run at all. */
  trigger: RegExp;
  pattern: RegExp;
  judge(text: string, match: RegExpExecArray): Severity | null;
  startsAtString?: boolean;
  message: string;
  fixHint: string;
}

/**
 * What an SQL statement looks like, as opposed to English that happens to say "select": a
 * SELECT with a FROM, INSERT INTO, UPDATE … SET, DELETE FROM, or a WHERE comparison.
 */
export const sqlShape =
  /\b(?:SELECT\s[\s\S]*?\bFROM\s|INSERT\s+INTO\s|UPDATE\s+[\w."`[\]]+\s+SET\s|DELETE\s+FROM\s|WHERE\s+[\w."`[\]]+\s*(?:=|<|>|LIKE\b|IN\b))/i;

/** The same, in capitals only: SQL as people write it in code, never prose. */
export const sqlShapeUpper =
  /\b(?:SELECT\s[\s\S]*?\bFROM\s|INSERT\s+INTO\s|UPDATE\s+[\w."`[\]]+\s+SET\s|DELETE\s+FROM\s|WHERE\s+[\w."`[\]]+\s*(?:=|<|>|LIKE\b|IN\b))/;
