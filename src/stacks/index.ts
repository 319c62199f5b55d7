export type {
  ProfileName,
  StackConventions,
  BuildReport,
  CommandStep,
  InstallReport,
  LintProblem,
  LintReport,
  LinterName,
  OperationOptions,
  Stack,
  StackName,
  StartCommand,
  TestFailure,
  TestOptions,
  TestReport,
  TestRunnerName,
} from './stack.ts';
export { detectStack, explainStack, stacks, type StackDetection } from './detect-stack.ts';
export { profileNames } from './stack.ts';
export { profileStacks } from './profiles/index.ts';
export { nodeStack } from './node/node-stack.ts';
export { pythonStack } from './python/python-stack.ts';
export {
  chooseStack,
  lessonFitsStack,
  stackIdOf,
  stackIds,
  stackNamed,
  stackNotesOf,
  stackOfPrd,
  stackTag,
  type StackChoice,
  type StackId,
  type StackSource,
} from './choose-stack.ts';
