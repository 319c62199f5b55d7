import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TaskGraph } from '../task-graph.ts';

/** One acceptance criterion of the whole product, and whether the coding agents may see it. */
export const productCriterionSchema = z.object({
  /** `ac-1`, `ac-2`…, in the plan's order. */
  id: z.string(),
  text: z.string(),
  /** Withheld from every coding agent: only the verifier and Loki's checks know it. */
  heldOut: z.boolean(),
});
export type ProductCriterion = z.infer<typeof productCriterionSchema>;

/** How many of `count` criteria are held out at `percent`: at least one of two or more. */
export function heldOutCount(count: number, percent: number): number {
  if (percent <= 0 || count === 0) return 0;
  const share = Math.floor((count * percent) / 100);
  return Math.min(count, Math.max(count >= 2 ? 1 : 0, share));
}

/**
 * The product's criteria with their ids, a share of them held out. Which ones is decided by a
 * hash of each criterion's text, not by its place or by chance: the same plan and share always
 * hold out the same criteria, on a resume too, and the planner cannot steer the choice by order.
 */
export function productCriteriaOf(
  graph: Pick<TaskGraph, 'acceptanceCriteria'> | undefined,
  percent: number,
): ProductCriterion[] {
  const texts = graph?.acceptanceCriteria ?? [];
  const ranked = texts
    .map((text, index) => ({ index, hash: sha256(normalized(text)) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.index - b.index));
  const held = new Set(ranked.slice(0, heldOutCount(texts.length, percent)).map((r) => r.index));
  return texts.map((text, index) => ({ id: `ac-${index + 1}`, text, heldOut: held.has(index) }));
}

/** What the coding agents are told and kept from, for their prompts. */
export interface CriteriaBrief {
  /** The product criteria they see. */
  visible: readonly string[];
  /** The texts they must never see. */
  heldOut: readonly string[];
}

export function criteriaBriefOf(criteria: readonly ProductCriterion[]): CriteriaBrief {
  return {
    visible: criteria.filter((criterion) => !criterion.heldOut).map((criterion) => criterion.text),
    heldOut: criteria.filter((criterion) => criterion.heldOut).map((criterion) => criterion.text),
  };
}

/**
 * A task's own criteria less any that repeat a held-out product criterion: a planner may well
 * copy a product criterion into the task that builds it, which would undo the holding out.
 */
export function withoutHeldOut(
  taskCriteria: readonly string[],
  brief: CriteriaBrief | undefined,
): string[] {
  if (!brief || brief.heldOut.length === 0) return [...taskCriteria];
  const held = brief.heldOut.map(normalized);
  return taskCriteria.filter((criterion) => {
    const text = normalized(criterion);
    return !held.some((heldOut) => text.includes(heldOut));
  });
}

/** `text` with every held-out criterion in it replaced, for anything a coding agent will read. */
export function redactHeldOut(text: string, brief: CriteriaBrief | undefined): string {
  let redacted = text;
  for (const heldOut of brief?.heldOut ?? []) {
    if (heldOut.trim()) redacted = redacted.split(heldOut).join('[a held-out criterion]');
  }
  return redacted;
}

function normalized(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
