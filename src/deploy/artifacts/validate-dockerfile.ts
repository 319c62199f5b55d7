import { validate } from 'dockerfile-utils';
import ignore from 'ignore';
import {
  error,
  validation,
  warning,
  type ArtifactProblem,
  type ArtifactValidation,
} from './artifact-validation.ts';

/** One logical instruction (continuation lines joined), with the line it starts on. */
interface ParsedInstruction {
  keyword: string;
  arguments: string;
  line: number;
}

/** The instructions of a Dockerfile, comments and parser directives left out. */
export function dockerfileInstructions(text: string): ParsedInstruction[] {
  const instructions: ParsedInstruction[] = [];
  let pending: ParsedInstruction | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    // Comments and blank lines are skipped, also between the lines of one instruction.
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    if (pending === null) {
      const match = /^\s*(\S+)\s*(.*)$/.exec(body);
      pending = {
        keyword: (match?.[1] ?? '').toUpperCase(),
        arguments: match?.[2] ?? '',
        line: index + 1,
      };
    } else {
      pending.arguments += ` ${body.trim()}`;
    }
    if (!continued) {
      instructions.push(pending);
      pending = null;
    }
  });
  if (pending !== null) instructions.push(pending);
  return instructions;
}

/**
 * Lints a Dockerfile with dockerfile-utils (its errors are errors: the builder would refuse the
 * file), then checks what a deployable image needs: a start command in the final stage, more
 * than one stage, `COPY --from` naming an earlier stage, a HEALTHCHECK and a non-root USER.
 */
export function validateDockerfile(text: string): ArtifactValidation {
  const problems: ArtifactProblem[] = validate(text).map((diagnostic) => {
    const line = diagnostic.range.start.line + 1;
    const text =
      typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return diagnostic.severity === 1
      ? error(`${text} (line ${line})`, line)
      : { severity: 'warning' as const, message: `${text} (line ${line})`, line };
  });
  const instructions = dockerfileInstructions(text);
  const stages: { name: string | null; instructions: ParsedInstruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const name = /\s+AS\s+(\S+)\s*$/i.exec(instruction.arguments)?.[1]?.toLowerCase() ?? null;
      stages.push({ name, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) continue; // dockerfile-utils reports instructions before FROM
    stage.instructions.push(instruction);
    const from = /--from=(\S+)/.exec(instruction.arguments)?.[1]?.toLowerCase();
    if (instruction.keyword === 'COPY' && from !== undefined && !/[:/@]/.test(from)) {
      const earlier = stages.slice(0, -1).map((entry) => entry.name);
      const index = Number(from);
      if (!earlier.includes(from) && !(Number.isInteger(index) && index < earlier.length)) {
        problems.push(
          error(
            `COPY --from=${from} names no earlier stage (line ${instruction.line})`,
            instruction.line,
          ),
        );
      }
    }
  }
  const final = stages.at(-1);
  if (final === undefined)
    return validation(problems.length > 0 ? problems : [error('no FROM instruction')]);
  const keywords = new Set(final.instructions.map((instruction) => instruction.keyword));
  if (!keywords.has('CMD') && !keywords.has('ENTRYPOINT')) {
    problems.push(
      error('the final stage has no CMD or ENTRYPOINT: the container would not start the product'),
    );
  }
  if (stages.length < 2)
    problems.push(warning('single-stage build: build tools and caches end up in the image'));
  if (!keywords.has('HEALTHCHECK'))
    problems.push(warning('no HEALTHCHECK: Docker cannot tell when the server is up'));
  const user = final.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
  if (user === undefined || /^(?:root|0)(?::|$)/.test(user.arguments.trim())) {
    problems.push(warning('the final stage runs as root'));
  }
  return validation(problems);
}

/**
 * Checks a `.dockerignore`: it keeps `.git` and `.env` out of the build context (history and
 * secrets must not reach the image) and does not exclude a file the Dockerfile copies by name.
 */
export function validateDockerignore(text: string, copiedFiles: string[]): ArtifactValidation {
  const rules = ignore().add(text);
  const problems: ArtifactProblem[] = [];
  for (const secret of ['.git', '.env']) {
    if (!rules.ignores(secret))
      problems.push(
        error(
          `does not exclude ${secret}: it would be sent to the builder and may end up in the image`,
        ),
      );
  }
  for (const file of copiedFiles) {
    if (rules.ignores(file)) problems.push(error(`excludes ${file}, which the Dockerfile copies`));
  }
  return validation(problems);
}

/** Files a Dockerfile copies by name from the build context (not `.`, not from a stage). */
export function filesCopiedByName(text: string): string[] {
  return dockerfileInstructions(text)
    .filter(
      (instruction) => instruction.keyword === 'COPY' && !instruction.arguments.includes('--from='),
    )
    .flatMap((instruction) => {
      const parts = instruction.arguments.split(/\s+/).filter((part) => !part.startsWith('--'));
      return parts.slice(0, -1);
    })
    .filter((source) => source !== '.' && !/[*?[]/.test(source));
}
