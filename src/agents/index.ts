export { defineTool, ToolError, type AgentTool, type ToolContext } from './agent-tool.ts';
export {
  AgentConversation,
  type AgentSpec,
  type AgentBudget,
  type AgentOutcome,
  type AgentUsage,
} from './agent-conversation.ts';
export { systemPromptFor, resolverSystemPrompt, type AgentRole } from './role-prompts.ts';
export { taskPrompt, type TaskBrief } from './task-prompt.ts';
export { taskAgentTools } from './task-agent-tools.ts';
