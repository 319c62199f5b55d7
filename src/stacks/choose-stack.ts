import { LokiError } from '../core/index.ts';
import { explainStack, stacks } from './detect-stack.ts';
import type { ProfileName, Stack, StackName } from './stack.ts';

/** A stack's name as people give it: its framework profile, or its language. */
export type StackId = ProfileName | StackName;

/** Where a run's stack came from, strongest first. */
export type StackSource = 'requested' | 'project' | 'prd';

export interface StackChoice {
  stack: Stack;
  id: StackId;
  source: StackSource;
  /** One sentence: why this stack. */
  reason: string;
}

export function stackIdOf(stack: Stack): StackId {
  return stack.profile ?? stack.name;
}

/** Every stack's name, for `--stack` and error messages. */
export function stackIds(): StackId[] {
  return stacks.map(stackIdOf);
}

/** The stack of a name given with `--stack` or in the config; an unknown name is bad input. */
export function stackNamed(id: string): Stack {
  const stack = stacks.find((candidate) => stackIdOf(candidate) === id);
  if (stack) return stack;
  throw new LokiError({
    code: 'config.unknown-stack',
    category: 'bad-input',
    message: `unknown stack "${id}"; Loki knows ${stackIds().join(', ')}`,
    details: { stack: id, known: stackIds() },
  });
}

/**
 * The stack a run builds with: the one asked for (`--stack`, config `stack`); else the one of
 * the files already in the product's directory; else the one the PRD names by its keywords,
 * the most keywords winning and a framework before its language on a tie; else none, and the
 * planner chooses freely.
 */
export async function chooseStack(options: {
  requested?: string | undefined;
  root: string;
  prd: string;
}): Promise<StackChoice | null> {
  if (options.requested) {
    const stack = stackNamed(options.requested);
    return {
      stack,
      id: stackIdOf(stack),
      source: 'requested',
      reason: `${stack.conventions.title}, as asked for`,
    };
  }
  const detection = await explainStack(options.root).catch(() => null);
  if (detection?.stack) {
    return {
      stack: detection.stack,
      id: stackIdOf(detection.stack),
      source: 'project',
      reason: `${detection.reason} in the product's directory`,
    };
  }
  return stackOfPrd(options.prd);
}

/** Profiles that are an API, which a front end in the same PRD turns into a `web-api` pair. */
const apiProfiles: readonly ProfileName[] = ['express', 'fastapi', 'django'];

/**
 * The stack a PRD asks for by name, or null when it names none. A PRD naming a front-end
 * framework and an API framework ("a React front end on an Express API") asks for the pair.
 */
export function stackOfPrd(prd: string): StackChoice | null {
  const text = prd.toLowerCase();
  const named = stacks
    .map((stack) => ({
      stack,
      found: stack.conventions.keywords.filter((keyword) => mentions(text, keyword)),
    }))
    .filter(({ found }) => found.length > 0);
  const front = named.find(({ stack }) => stack.profile === 'react-vite');
  const api = named.find(({ stack }) => stack.profile && apiProfiles.includes(stack.profile));
  const pair = stacks.find((stack) => stack.profile === 'web-api');
  if (front && api && pair) {
    return {
      stack: pair,
      id: 'web-api',
      source: 'prd',
      reason: `${pair.conventions.title}: the PRD asks for a front end (${quoted(front.found)}) and an API (${quoted(api.found)})`,
    };
  }
  // The most keywords win; on a tie the first, and frameworks come before their languages.
  const best = named.reduce<(typeof named)[number] | null>(
    (leader, candidate) =>
      candidate.found.length > (leader?.found.length ?? 0) ? candidate : leader,
    null,
  );
  if (!best) return null;
  return {
    stack: best.stack,
    id: stackIdOf(best.stack),
    source: 'prd',
    reason: `${best.stack.conventions.title}: the PRD mentions ${quoted(best.found)}`,
  };
}

function quoted(words: readonly string[]): string {
  return words.map((word) => `"${word}"`).join(', ');
}

/** Whether a keyword occurs as a whole word or phrase ("react" not in "reaction"). */
function mentions(text: string, keyword: string): boolean {
  const escaped = keyword.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'u').test(text);
}

/** The tag that marks a lesson as about one stack: `stack:express`, `stack:node`. */
export function stackTag(id: StackId): string {
  return `stack:${id}`;
}

/**
 * Whether a lesson with these tags concerns a build on this stack: untagged lessons concern
 * every build; a lesson tagged for stacks concerns builds on one of them, a language's lesson
 * (`stack:node`) also builds on its frameworks (Express, React).
 */
export function lessonFitsStack(tags: readonly string[], stack: Stack): boolean {
  const stackTags = tags.filter((tag) => tag.startsWith('stack:'));
  if (stackTags.length === 0) return true;
  return stackTags.includes(stackTag(stackIdOf(stack))) || stackTags.includes(stackTag(stack.name));
}

/** What the planner and each coding agent are told about the stack, a few lines. */
export function stackNotesOf(stack: Stack): string {
  const { conventions } = stack;
  return [
    `${conventions.title}.`,
    conventions.layout,
    `Run every test with \`${conventions.testCommand}\`; one test file with \`${conventions.singleTestCommand}\`.`,
  ].join('\n');
}
