export { proofSchema, type Proof, type ProofHeadline } from './proof-schema.ts';
export { buildProof, writeProof, proofPathOf } from './write-proof.ts';
export { verifyProof, type ProofCheck, type ProofVerification } from './verify-proof.ts';
