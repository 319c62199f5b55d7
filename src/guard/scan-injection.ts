import type { Severity } from './finding.ts';
import type { InjectionRule } from './injection-rule.ts';
import { javascriptInjectionRules } from './injection-rules-javascript.ts';
import { pythonInjectionRules } from './injection-rules-python.ts';
import type { SourceRegions } from './source-regions.ts';

/** An injection pattern found at one place. */
export interface InjectionHit {
  offset: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fixHint: string;
}

/** Every injection rule, by language, for documentation and SARIF rule lists. */
export const injectionRules: Record<'javascript' | 'python', readonly InjectionRule[]> = {
  javascript: javascriptInjectionRules,
  python: pythonInjectionRules,
};

// One pass to rule out most files.
const anyTrigger = {
  javascript: new RegExp(
    javascriptInjectionRules.map((rule) => `(?:${rule.trigger.source})`).join('|'),
  ),
  python: new RegExp(pythonInjectionRules.map((rule) => `(?:${rule.trigger.source})`).join('|')),
};

/**
 * Injection patterns in one tokenised file. Matches inside comments and inside string
 * literals are ignored (documentation that says `eval(x)` is not code), except for rules about
 * the literal itself (SQL text). `regionsOf` tokenises on first need: most files match no rule.
 */
export function findInjections(
  text: string,
  language: 'javascript' | 'python',
  regionsOf: () => SourceRegions,
): InjectionHit[] {
  const hits: InjectionHit[] = [];
  if (!anyTrigger[language].test(text)) return hits;
  for (const rule of injectionRules[language]) {
    if (!rule.trigger.test(text)) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const span = regionsOf().spanAt(match.index);
      const atLiteral =
        rule.startsAtString === true && span?.kind === 'string' && match.index - span.start <= 3;
      if (span && !atLiteral) continue;
      const severity = rule.judge(text, match);
      if (severity === null) continue;
      hits.push({
        offset: match.index,
        ruleId: rule.id,
        severity,
        message: rule.message,
        fixHint: rule.fixHint,
      });
    }
  }
  return hits;
}
