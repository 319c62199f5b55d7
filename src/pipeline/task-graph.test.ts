import { describe, expect, it } from 'vitest';
import { findGraphProblems, topologicalOrder, type Task, type TaskGraph } from './task-graph.ts';

const task = (id: string, dependsOn: string[] = []): Task => ({
  id,
  name: id,
  role: 'backend',
  description: `build ${id}`,
  acceptanceCriteria: ['it works'],
  dependsOn,
});
const graph = (...tasks: Task[]): TaskGraph => ({ summary: 's', tasks });

describe('findGraphProblems', () => {
  it('accepts a valid graph', () => {
    expect(findGraphProblems(graph(task('a'), task('b', ['a']), task('c', ['a', 'b'])))).toEqual(
      [],
    );
  });

  it('names unknown dependencies with the ids that exist', () => {
    expect(findGraphProblems(graph(task('a'), task('b', ['zz'])))).toEqual([
      'task "b" depends on "zz", which is not a task id; known ids: a, b',
    ]);
  });

  it('names the tasks of a cycle in order', () => {
    const problems = findGraphProblems(graph(task('a', ['c']), task('b', ['a']), task('c', ['b'])));
    expect(problems).toEqual([
      'the dependencies form a cycle: a -> c -> b -> a; a task cannot wait for itself',
    ]);
  });

  it('finds self-dependencies and repeated ids', () => {
    expect(findGraphProblems(graph(task('a', ['a']), task('a')))).toEqual([
      'task id "a" is used by more than one task; ids must be unique',
      'task "a" depends on itself',
    ]);
  });
});

describe('topologicalOrder', () => {
  it('puts every task after its dependencies', () => {
    const order = topologicalOrder(graph(task('c', ['b']), task('b', ['a']), task('a'))).map(
      (t) => t.id,
    );
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
