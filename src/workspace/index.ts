export type { CommandSpec, CommandResult, CommandRunner, SandboxReport } from './command.ts';
export { createCommandRunner, type CommandRunnerOptions } from './run-command.ts';
export { resolveInside, relativeInside } from './path-jail.ts';
export { scrubbedEnvironment, commandPath } from './scrubbed-environment.ts';
export { chooseSandbox, type SandboxChoice, type SandboxMode } from './sandbox-choice.ts';
export { git, type GitResult } from './git.ts';
export {
  ProductRepository,
  type ConflictResolution,
  type MergeResult,
} from './product-repository.ts';
export { listProjectFiles } from './project-files.ts';
export { countCodeLines } from './count-lines.ts';
