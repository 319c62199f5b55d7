import type { SharedV4ProviderOptions } from '@ai-sdk/provider';

/** What a model call is for; travels with the call so scripted models can pick their reply. */
export interface CallContext {
  stage: string;
  agent: string;
  role: string;
}

const key = 'loki';

/** Provider options carrying the call context; providers other than Loki's ignore the key. */
export function withCallContext(context: CallContext): SharedV4ProviderOptions {
  return { [key]: { stage: context.stage, agent: context.agent, role: context.role } };
}

export function callContextOf(options: SharedV4ProviderOptions | undefined): CallContext {
  const value = options?.[key] ?? {};
  const read = (name: string) => (typeof value[name] === 'string' ? value[name] : '');
  return { stage: read('stage'), agent: read('agent'), role: read('role') };
}
