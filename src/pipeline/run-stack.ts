import { chooseStack, type StackChoice } from '../stacks/index.ts';
import type { RunContext } from './run-context.ts';

const chosen = new WeakMap<RunContext, Promise<StackChoice | null>>();

/**
 * The stack this run builds with (see `chooseStack`), chosen once per run context and
 * announced with a `stack-chosen` event; memory retrieval, the planner and every coding agent
 * see the same choice. A resumed run chooses again, and finds the product directory's stack.
 */
export function runStackOf(
  context: Pick<RunContext, 'config' | 'outDir' | 'prd' | 'events'>,
): Promise<StackChoice | null> {
  const key = context as RunContext;
  let choice = chosen.get(key);
  if (!choice) {
    choice = chooseStack({
      requested: context.config.stack,
      root: context.outDir,
      prd: context.prd.text,
    }).then((stack) => {
      if (stack)
        context.events.emit({
          type: 'stack-chosen',
          stack: stack.id,
          source: stack.source,
          reason: stack.reason,
        });
      return stack;
    });
    chosen.set(key, choice);
  }
  return choice;
}
