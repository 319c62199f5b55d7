// Realistic lessons and queries for the memory search bench: varied text from a skewed
// vocabulary (a few words everywhere, most words rare), with names and paths that make
// every lesson different, as lessons learned across thousands of builds would be.
import type { NewMemoryItem } from '../src/memory/index.ts';

/** A small deterministic generator (mulberry32), so every run builds the same store. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const technologies =
  `postgres mysql sqlite redis mongodb kafka rabbitmq elasticsearch express fastify
  koa nestjs hono react vue svelte angular nextjs vite webpack esbuild typescript javascript python
  django flask fastapi pytest vitest jest mocha playwright cypress docker kubernetes helm terraform
  nginx caddy graphql grpc websocket jwt oauth openid saml stripe s3 lambda cloudflare prisma
  drizzle sequelize typeorm knex alembic celery pandas numpy node deno bun npm pnpm yarn eslint
  prettier github gitlab jenkins sentry prometheus grafana opentelemetry zod pydantic tailwind`
    .trim()
    .split(/\s+/);

const components = `migration schema index query transaction connection pool cache session token
  cookie header route handler middleware controller service repository model validator serializer
  endpoint request response payload upload download queue worker job scheduler cron webhook
  listener event emitter stream buffer parser formatter logger config environment secret
  certificate password hash salt signature permission role tenant account invoice order cart
  payment refund subscription notification email template form input button modal table page
  layout component hook store reducer selector fixture mock stub snapshot build bundle image
  container volume network port health probe deployment rollback release version changelog lock
  retry timeout backoff limit pagination cursor offset filter sort search upload timezone date
  locale currency decimal rounding encoding charset unicode regex path file directory`
  .trim()
  .split(/\s+/);

const problems = [
  'failed',
  'crashed',
  'leaked connections',
  'deadlocked',
  'timed out',
  'returned stale data',
  'dropped rows',
  'double-charged customers',
  'lost updates',
  'ran out of memory',
  'blocked the event loop',
  'hung forever',
  'corrupted the file',
  'broke on Windows paths',
  'broke in production only',
  'passed locally but failed in CI',
  'was flaky under load',
  'silently truncated values',
  'rejected valid input',
  'accepted invalid input',
  'exposed secrets in logs',
  'raced with another writer',
  'ignored the error',
  'returned 500 instead of 400',
  'skipped the migration',
  'used the wrong timezone',
  'rounded money with floats',
];

const fixes = [
  'validate the {c} with a schema before it reaches the {c2}',
  'wrap the {c} and the {c2} in one transaction',
  'add an index on the {c} used by the {c2}',
  'set an explicit timeout on the {c} and retry with backoff',
  'close the {c} in a finally block',
  'pin the {t} version in package.json and the lock file',
  'run the {t} {c} step before the tests in CI',
  'store the {c} as integer cents, never as a float',
  'normalise the {c} to UTC at the {c2} boundary',
  'escape the {c} and use parameterised queries in {t}',
  'use a unique constraint so a duplicate {c} is refused by the database',
  'stream the {c} instead of reading it whole into memory',
  'move the {c} out of the {c2} into its own {c3}',
  'read the {c} from the environment instead of hard-coding it',
  'test the {c} with a real {t} instead of a mock',
  'take an advisory lock before the {c} runs',
  'return 400 with the field name when the {c} is invalid',
  'log the {c} id, never the {c2} itself',
];

const verbs = `uses reads writes sends calls stores caches loads renders checks signs parses`
  .trim()
  .split(/\s+/);
const areas = `billing auth inventory search checkout reporting admin onboarding catalog shipping
  analytics messaging profile settings export import sync audit`
  .trim()
  .split(/\s+/);

/** A skewed pick: low indexes far more often, like words in real text. */
function skewed<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(list.length * random() ** 2.2)]!;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(list.length * random())]!;
}

/** A camelCase name that is nearly unique to one lesson: the long tail of a vocabulary. */
function identifier(random: () => number): string {
  const a = pick(components, random);
  const b = pick(components, random);
  return `${pick(verbs, random).replace(/s$/, '')}${a[0]!.toUpperCase()}${a.slice(1)}${b[0]!.toUpperCase()}${b.slice(1)}${Math.floor(random() * 100)}`;
}

/** One lesson as a run would record it: what broke, where, and what fixed it. */
export function realisticLesson(index: number, random: () => number): NewMemoryItem {
  const tech = skewed(technologies, random);
  const component = skewed(components, random);
  const area = pick(areas, random);
  const fix = pick(fixes, random)
    .replace('{c}', skewed(components, random))
    .replace('{c2}', skewed(components, random))
    .replace('{c3}', skewed(components, random))
    .replace('{t}', skewed(technologies, random));
  const file = `src/${area}/${pick(components, random)}-${pick(components, random)}.ts`;
  const sentences = [
    `The ${area} ${component} ${pick(verbs, random)} ${tech} and ${pick(problems, random)} when ${identifier(random)} ran in ${file}.`,
    `Fixed by: ${fix}.`,
  ];
  if (random() < 0.5) {
    sentences.push(
      `Seen with ${skewed(technologies, random)} ${skewed(components, random)} and ${skewed(components, random)} during task ${area}-${index % 997}.`,
    );
  }
  const roll = random();
  const severity = roll < 0.04 ? 'critical' : roll < 0.3 ? 'warning' : 'info';
  const critical = severity === 'critical' && random() < 0.5 ? 'CRITICAL: ' : '';
  return {
    type: random() < 0.9 ? 'learned_lesson' : 'feedback',
    content: `${critical}${sentences.join(' ')}`,
    tags: [tech, area, ...(random() < 0.3 ? [skewed(technologies, random)] : [])],
    severity,
    sourceRun: `run_${Math.floor(index / 40)}`,
  };
}

/**
 * Queries as retrieval sends them: a PRD title, its headings, a person's short search, a
 * PRD's 24 key terms, and a person's one-word search. Each comes from the same vocabulary as
 * the lessons.
 */
export function realisticQueries(count: number, random: () => number): string[] {
  const queries: string[] = [];
  for (let index = 0; index < count; index++) {
    const words = (n: number, list: readonly string[]) =>
      Array.from({ length: n }, () => skewed(list, random));
    switch (index % 5) {
      case 0:
        queries.push(
          `${pick(areas, random)} ${skewed(components, random)} API with ${skewed(technologies, random)} and ${skewed(technologies, random)}`,
        );
        break;
      case 1:
        queries.push(
          [...words(3, components), ...words(2, technologies), pick(areas, random)].join(' '),
        );
        break;
      case 2:
        queries.push(
          `${skewed(technologies, random)} ${skewed(components, random)} ${pick(problems, random)}`,
        );
        break;
      case 3:
        queries.push(
          [...words(14, components), ...words(6, technologies), ...words(4, areas)].join(' '),
        );
        break;
      default:
        queries.push(skewed(random() < 0.5 ? components : technologies, random));
    }
  }
  return queries;
}
