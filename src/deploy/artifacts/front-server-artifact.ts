import { readFileSync } from 'node:fs';
import { frontServerPath } from '../../stacks/profiles/react-vite/front-server-path.ts';
import { error, validation, warning, type ArtifactValidation } from './artifact-validation.ts';

/**
 * Loki's front server, as the local target runs it: a web + API product's image copies this
 * text (`deploy/front-server.mts`) so the container serves the page and the API on one port too.
 */
export function frontServerText(): string {
  return readFileSync(frontServerPath, 'utf8');
}

/**
 * The product's copy is Loki's (fine), an edited one (a warning: what Loki tested is not what
 * runs), or empty (an error: the image would start nothing).
 */
export function validateFrontServer(text: string): ArtifactValidation {
  if (text.trim() === '')
    return validation([error('the front server is empty: the image would start nothing')]);
  if (text !== frontServerText()) {
    return validation([
      warning(
        "differs from Loki's front server: the image runs the product's edited copy, which Loki's tests do not cover",
      ),
    ]);
  }
  return validation([]);
}
