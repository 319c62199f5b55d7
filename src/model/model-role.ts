import { z } from 'zod';

/** The jobs a model does in a run; each may be served by its own model. */
export const modelRoles = ['planner', 'coder', 'reviewer', 'mediator', 'verifier'] as const;
export const modelRoleSchema = z.enum(modelRoles);
export type ModelRole = z.infer<typeof modelRoleSchema>;
