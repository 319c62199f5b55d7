import { LokiError, describeZodIssues } from '../../core/index.ts';
import { replySchema, type Reply } from './script.ts';

/** A reply taken from the queue, with its position in everything ever enqueued. */
export interface TakenReply {
  reply: Reply;
  index: number;
}

/**
 * The script of a test model server. Each request takes the first reply not yet used whose
 * match fits its prompt text, so a plain list is served in order and matched replies can be
 * picked out of it.
 */
export class ReplyQueue {
  private readonly replies: Reply[] = [];
  private readonly used = new Set<number>();

  /** Adds replies at the end, after checking them against the script schema. */
  enqueue(replies: readonly Reply[]): void {
    replies.forEach((reply, position) => {
      const checked = replySchema.safeParse(reply);
      if (!checked.success) {
        throw new LokiError({
          code: 'test-server.bad-reply',
          category: 'bad-input',
          message: `reply ${position} of the test model server script is not valid: ${describeZodIssues(checked.error)}`,
          details: { position },
        });
      }
      this.replies.push(checked.data);
    });
  }

  /** The first unused reply that fits `promptText`, now marked used; undefined when none fits. */
  take(promptText: string): TakenReply | undefined {
    const index = this.replies.findIndex(
      (reply, candidate) => !this.used.has(candidate) && fits(reply, promptText),
    );
    const reply = this.replies[index];
    if (reply === undefined) return undefined;
    this.used.add(index);
    return { reply, index };
  }

  /** How many replies have not been used yet. */
  remaining(): number {
    return this.replies.length - this.used.size;
  }
}

function fits(reply: Reply, promptText: string): boolean {
  const wanted = reply.match?.promptIncludes;
  return wanted === undefined || promptText.includes(wanted);
}
