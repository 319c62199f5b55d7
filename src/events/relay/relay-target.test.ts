import { describe, expect, it } from 'vitest';
import { describeZodIssues } from '../../core/index.ts';
import { relayTargetSchema } from './relay-target.ts';

describe('a relay target in the config', () => {
  it('takes an http(s) URL or an {env:VAR} reference, and event types of the union', () => {
    expect(
      relayTargetSchema.parse({ kind: 'slack', url: 'https://hooks.example.com/T/B/x' }),
    ).toEqual({
      kind: 'slack',
      url: 'https://hooks.example.com/T/B/x',
    });
    expect(
      relayTargetSchema.parse({ kind: 'json', url: '{env:HOOK}', events: ['run-finished'] }).events,
    ).toEqual(['run-finished']);
  });

  it('names what is wrong and what would be valid', () => {
    const result = relayTargetSchema.safeParse({
      kind: 'teams',
      url: 'ftp://example.com/hook',
      events: ['run-done'],
    });
    const message = describeZodIssues(result.error!);
    expect(message).toMatch(/kind: .*"slack"\|"discord"\|"json"/);
    expect(message).toMatch(/url: expected an http:\/\/ or https:\/\/ URL, or \{env:VAR\}/);
    expect(message).toMatch(/events\.0: .*"run-finished"/);
  });
});
