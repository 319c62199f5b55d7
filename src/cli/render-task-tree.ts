import { productCriteriaOf, type Task, type TaskGraph } from '../pipeline/index.ts';

/**
 * The task graph as a tree: each task under the first task it depends on, tasks with several
 * dependencies naming the others, so the whole graph reads top-down in one screen; then the
 * product's acceptance criteria, those a run holds out from the coding agents marked.
 */
export function renderTaskTree(title: string, graph: TaskGraph, heldOutPercent = 25): string {
  const children = new Map<string, Task[]>();
  const roots: Task[] = [];
  for (const task of graph.tasks) {
    const [parent] = task.dependsOn;
    if (parent === undefined) roots.push(task);
    else children.set(parent, [...(children.get(parent) ?? []), task]);
  }
  const lines = [`${title} — ${graph.tasks.length} tasks`, ''];
  const draw = (task: Task, prefix: string, last: boolean, top: boolean) => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const others = task.dependsOn.slice(1);
    const also = others.length > 0 ? `  (also after ${others.join(', ')})` : '';
    lines.push(`${prefix}${branch}${task.id} [${task.role}] ${task.name}${also}`);
    const inner = top ? prefix : `${prefix}${last ? '   ' : '│  '}`;
    lines.push(
      `${inner}${(children.get(task.id)?.length ?? 0) > 0 ? '│  ' : '   '}${firstSentence(task.description)}`,
    );
    const below = children.get(task.id) ?? [];
    below.forEach((child, index) => draw(child, inner, index === below.length - 1, false));
  };
  roots.forEach((root) => {
    draw(root, '', true, true);
    lines.push('');
  });
  lines.push(graph.summary);
  const criteria = productCriteriaOf(graph, heldOutPercent);
  if (criteria.length > 0) {
    lines.push('', 'Acceptance criteria of the product (checked on the merged product):');
    for (const criterion of criteria)
      lines.push(`  ${criterion.id}${criterion.heldOut ? ' [held out]' : ''} ${criterion.text}`);
  }
  return `${lines.join('\n')}\n`;
}

function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](\s|$)/.exec(text)?.[0] ?? text;
  return sentence.trim().slice(0, 110);
}
