import { z } from 'zod';

/** The kinds of sub-agent a task may be given to. */
export const taskRoles = [
  'architect',
  'backend',
  'frontend',
  'fullstack',
  'data',
  'tests',
  'devops',
  'security',
  'docs',
] as const;

export const taskSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: 'ids are short kebab-case words, e.g. "api-routes"',
  }),
  name: z.string().min(1),
  role: z.enum(taskRoles),
  description: z.string().min(1).describe('What to build, where, and the interfaces it must offer'),
  acceptanceCriteria: z
    .array(z.string().min(1))
    .min(1)
    .describe('Checkable statements that prove the task done'),
  dependsOn: z.array(z.string()).describe('Ids of tasks that must be finished first'),
});
export type Task = z.infer<typeof taskSchema>;

export const taskGraphSchema = z.object({
  summary: z.string().describe('One paragraph: the approach and the stack chosen'),
  tasks: z.array(taskSchema).min(1),
  // A default, not optional: the schema the planner is shown requires it, while a plan written
  // before product-level criteria existed (an old macro, a script) still reads as "none".
  acceptanceCriteria: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Checkable statements about the whole product, each verifiable from outside it: an HTTP request and the response it gets, a command and its output, a behaviour a test can show',
    ),
});
/** A plan as written: `acceptanceCriteria` may be absent (read as none). */
export type TaskGraph = z.input<typeof taskGraphSchema>;

/**
 * What makes a task graph unusable beyond its shape: repeated ids, dependencies on tasks that
 * do not exist, and cycles. Each problem is a sentence a planner model can act on.
 */
export function findGraphProblems(graph: TaskGraph): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const task of graph.tasks) {
    if (ids.has(task.id))
      problems.push(`task id "${task.id}" is used by more than one task; ids must be unique`);
    ids.add(task.id);
  }
  for (const task of graph.tasks) {
    for (const dependency of task.dependsOn) {
      if (dependency === task.id) problems.push(`task "${task.id}" depends on itself`);
      else if (!ids.has(dependency)) {
        problems.push(
          `task "${task.id}" depends on "${dependency}", which is not a task id; known ids: ${[...ids].join(', ')}`,
        );
      }
    }
  }
  const cycle = findCycle(graph.tasks);
  if (cycle)
    problems.push(
      `the dependencies form a cycle: ${cycle.join(' -> ')}; a task cannot wait for itself`,
    );
  return problems;
}

function findCycle(tasks: readonly Task[]): string[] | null {
  const dependencies = new Map(tasks.map((task) => [task.id, task.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done' || !dependencies.has(id)) return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dependency of dependencies.get(id) ?? []) {
      if (dependency === id) continue;
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const task of tasks) {
    const cycle = visit(task.id);
    if (cycle) return cycle;
  }
  return null;
}

/** Tasks in an order where each comes after everything it depends on (graph assumed valid). */
export function topologicalOrder(graph: TaskGraph): Task[] {
  const byId = new Map(graph.tasks.map((task) => [task.id, task]));
  const ordered: Task[] = [];
  const placed = new Set<string>();
  const place = (task: Task) => {
    if (placed.has(task.id)) return;
    placed.add(task.id);
    for (const dependency of task.dependsOn) {
      const before = byId.get(dependency);
      if (before) place(before);
    }
    ordered.push(task);
  };
  graph.tasks.forEach(place);
  return ordered;
}
