// ── Artifacts and the docker/vercel targets (deploy-artifacts) ───────────────────────────────
export {
  generateArtifacts,
  renderArtifacts,
  artifactKinds,
  artifactPaths,
  type ArtifactKind,
  type ArtifactFile,
  type ArtifactReport,
  type GenerateArtifactsOptions,
  type RenderedArtifact,
} from './artifacts/generate-artifacts.ts';
export type { ArtifactProblem, ArtifactValidation } from './artifacts/artifact-validation.ts';
export { describeProduct, type ProductProfile } from './artifacts/product-profile.ts';
export type { DatabaseKind } from './artifacts/database-services.ts';
// ── end of deploy-artifacts block ────────────────────────────────────────────────────────────
