import type { AgentTool } from './agent-tool.ts';
import { finishTool, runCommandTool } from './tools/command-tools.ts';
import { editFileTool, readFileTool, writeFileTool } from './tools/file-tools.ts';
import { listFilesTool, searchTool } from './tools/search-tools.ts';

/** The tools of a task agent (and of a conflict resolver): files, search, commands, finish. */
export const taskAgentTools: readonly AgentTool[] = [
  readFileTool,
  writeFileTool,
  editFileTool,
  listFilesTool,
  searchTool,
  runCommandTool,
  finishTool,
];
