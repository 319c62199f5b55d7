import { extname } from 'node:path';
import { lintSource } from '@secretlint/core';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import {
  mayContainTrigger,
  secretlintFilterRules,
  secretlintTriggers,
} from './secretlint-triggers.ts';

/** A credential secretlint found. `value` is the matched text: for masking, never for showing. */
export interface SecretlintHit {
  offset: number;
  end: number;
  /** The rule's short name: `aws`, `github`, `privatekey`. */
  rule: string;
  /** secretlint's message id: `AWSSecretAccessKey`, `GITHUB_TOKEN`. */
  messageId: string;
  value: string;
}

type LintSourceInput = Parameters<typeof lintSource>[0];
type CoreConfig = LintSourceInput['options']['config'];
type RuleCreator = (typeof recommendedRules)[number];

const rulePrefix = '@secretlint/secretlint-rule-';
const shortName = (id: string) => (id.startsWith(rulePrefix) ? id.slice(rulePrefix.length) : id);
const rules = recommendedRules.map((rule) => ({ name: shortName(rule.meta.id), rule }));
const configs = new Map<string, CoreConfig>();

/** The config running exactly these rules, built once per distinct selection. */
function configOf(selected: readonly { name: string; rule: RuleCreator }[]): CoreConfig {
  const key = selected.map(({ name }) => name).join(' ');
  let config = configs.get(key);
  if (!config) {
    config = { rules: selected.map(({ rule }) => ({ id: rule.meta.id, rule })) };
    configs.set(key, config);
  }
  return config;
}

/**
 * Runs the rules of secretlint's recommended preset (its Node API, in process) on one file's
 * text: those whose trigger occurs in it (see `secretlintTriggers`), or all of them with
 * `everyRule`. `secretlint-disable` comments are honoured, as secretlint documents.
 */
export async function runSecretlint(
  path: string,
  text: string,
  everyRule = false,
): Promise<SecretlintHit[]> {
  // Rules without a trigger (a newer preset) must run: then the one-pass test cannot decide.
  const untriggered = rules.some(
    ({ name }) => !secretlintFilterRules.has(name) && !(name in secretlintTriggers),
  );
  if (!everyRule && !untriggered && !mayContainTrigger(text)) return [];
  const reporting = rules.filter(({ name }) => {
    if (secretlintFilterRules.has(name)) return false;
    const trigger = secretlintTriggers[name];
    return everyRule || trigger === undefined || trigger.test(text);
  });
  if (reporting.length === 0) return [];
  const selected = rules.filter(
    ({ name, rule }) => secretlintFilterRules.has(name) || reporting.some((r) => r.rule === rule),
  );
  const result = await lintSource({
    source: { content: text, filePath: path, ext: extname(path), contentType: 'text' },
    options: { config: configOf(selected), maskSecrets: true },
  });
  return result.messages.flatMap((message) => {
    if (message.type !== 'message') return [];
    const [offset, end] = valueRange(text, message.messageId, message.range);
    return [
      {
        offset,
        end,
        rule: shortName(message.ruleId),
        messageId: message.messageId,
        value: text.slice(offset, end),
      },
    ];
  });
}

// secretlint 13 reports an AWS secret access key with the range's start at the name
// (`aws_secret_access_key = '…`) and its length the key's: the key itself is the 40
// characters after the name.
const awsSecretKey = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/;

/** Where the secret of a message is, correcting the one rule whose range is off. */
function valueRange(
  text: string,
  messageId: string,
  range: readonly [number, number],
): [number, number] {
  if (messageId !== 'AWSSecretAccessKey') return [range[0], range[1]];
  const key = awsSecretKey.exec(text.slice(range[0], range[0] + 200));
  return key ? [range[0] + key.index, range[0] + key.index + 40] : [range[0], range[1]];
}
