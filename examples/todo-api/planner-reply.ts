import type { TaskGraph } from '../../src/pipeline/task-graph.ts';

/**
 * The planner's reply to the Todo API PRD: the task graph of the example. `make-session.ts`
 * validates it as the decomposition stage does and makes it the session's first reply.
 */

/** The planner's answer to the PRD. */
export const taskGraph: TaskGraph = {
  summary:
    'A Node.js 22 service on built-ins only, so there is nothing to install: node:http with a small router for the API, node:sqlite (DatabaseSync) for storage, node:crypto for scrypt password hashes and hand-written HS256 JWTs, and node:test with fetch against an ephemeral port for tests. A skeleton task sets up the project and the request handling every feature shares; storage, authentication and the todo endpoints then each build on the interfaces of the one before, and a last task adds the health check and an end-to-end suite that runs the real server process.',
  tasks: [
    {
      id: 'project-skeleton',
      name: 'Project skeleton',
      role: 'architect',
      description:
        "Create package.json (type module, no dependencies; scripts start: node src/server.js, test: node --test, coverage with an 80 % line threshold), .gitignore and README. src/config.js: loadConfig(env) reading PORT (default 3000), DATABASE_PATH (default ./data/todos.db) and JWT_SECRET (required, at least 32 characters, never echoed). src/http/: a small router (method and /path/:param), readJsonBody with a 64 KiB limit, sendJson, HttpError and validationError giving 400 {error: 'validation', fields}. src/app.js exporting createApp({db, config, logger}) that returns an http.Server answering unknown routes 404 JSON and unexpected failures 500 JSON without stack traces. src/server.js listening on PORT and closing gracefully on SIGTERM. tests/helpers/test-app.js starting the app on an ephemeral port with a fetch-based client.",
      acceptanceCriteria: [
        'npm test (node --test) runs and passes',
        'GET /no-such-route answers 404 with a JSON body',
        "an unexpected error answers 500 {error: 'internal'} without a stack trace, and the details are logged",
        'loadConfig refuses a missing or short JWT_SECRET without printing its value',
        'the server stops cleanly on SIGTERM',
      ],
      dependsOn: [],
    },
    {
      id: 'database',
      name: 'SQLite storage and migrations',
      role: 'data',
      description:
        "src/db.js: openDatabase(path) opens the SQLite file with node:sqlite's DatabaseSync (creating its folder), turns on WAL and foreign keys, and runs versioned migrations recorded in schema_migrations: users (id, email unique in any letter case, password_hash, salt, created_at) and todos (seq, id, user_id, title, notes, done, due_date, created_at, updated_at) with an index on (user_id, seq). src/repositories/users.js (create, findByEmail, findById; EmailTakenError) and src/repositories/todos.js (create, get, list with done filter, limit and an opaque cursor, update, delete; all scoped by user id), every query a prepared statement with parameters. src/server.js opens the database on start and closes it on shutdown.",
      acceptanceCriteria: [
        'migrations run twice without error',
        'repository functions create, read, update, list (with done filter, limit and cursor) and delete todos scoped by user id',
        'no SQL is built by string concatenation or interpolation',
        'tests run against a temporary database file',
      ],
      dependsOn: ['project-skeleton'],
    },
    {
      id: 'auth',
      name: 'Sign-up, log-in and token middleware',
      role: 'backend',
      description:
        'POST /auth/signup and POST /auth/login in src/routes/auth.js, mounted in createApp: validate email and password (at least 12 characters), hash with scrypt and a per-user random salt (src/auth/passwords.js, compared with timingSafeEqual), issue HS256 JWTs valid 24 hours signed with JWT_SECRET, written with node:crypto HMAC (src/auth/tokens.js; alg none and other algorithms refused). src/auth/require-user.js: createRequireUser({secret, users}) wraps route handlers so they run only for a valid bearer token of an existing user, with request.userId set, answering 401 JSON otherwise.',
      acceptanceCriteria: [
        'sign-up with a valid email and 12-character password answers 201',
        'sign-up with a short password answers 400 with fields.password',
        'log-in with the right password returns a token; with a wrong one answers 401',
        'a request with a missing or invalid token answers 401 JSON',
        'passwords, tokens and JWT_SECRET never appear in the log',
      ],
      dependsOn: ['project-skeleton', 'database'],
    },
    {
      id: 'todo-routes',
      name: 'Todo CRUD endpoints',
      role: 'backend',
      description:
        "src/routes/todos.js with POST /todos, GET /todos (newest first, ?done=true|false, ?limit 1-100 default 20, ?cursor), GET /todos/:id, PATCH /todos/:id and DELETE /todos/:id, all behind requireUser; src/todos/todo-input.js validates bodies and queries (title 1-200 characters, notes up to 2000, done boolean, dueDate an ISO-8601 date, unknown fields refused) giving 400 {error: 'validation', fields}; another user's todo answers 404.",
      acceptanceCriteria: [
        'POST /todos with a title answers 201 with id, done false, createdAt and updatedAt',
        'POST /todos without a title answers 400 with fields.title',
        'GET /todos?done=true lists only done todos of the caller, newest first',
        "GET, PATCH and DELETE of another user's todo answer 404",
        'DELETE answers 204 and the todo is gone',
      ],
      dependsOn: ['auth', 'database'],
    },
    {
      id: 'health-and-tests',
      name: 'Health check and end-to-end tests',
      role: 'tests',
      description:
        "GET /health in src/routes/health.js answering 200 {status: 'ok'} when the database answers a query (503 otherwise). An end-to-end suite that starts the real server (node src/server.js) with a temporary DATABASE_PATH and a random JWT_SECRET, walks every endpoint, the validation rules and the ownership rule over HTTP, and stops it with SIGTERM. Line coverage of at least 80 % (npm run coverage). The README documents the API.",
      acceptanceCriteria: [
        'GET /health answers 200 {"status":"ok"}',
        'npm test passes, and npm run coverage reports line coverage of at least 80 %',
        "a test proves a user cannot read another user's todo",
        'the server process exits 0 on SIGTERM',
      ],
      dependsOn: ['todo-routes'],
    },
  ],
  acceptanceCriteria: [
    'GET /health answers 200 with {"status":"ok"}',
    'signing up with a valid email and a 12-character password answers 201, and signing up again with the same email answers 409',
    'signing up with a password shorter than 12 characters answers 400 with fields.password',
    'GET /todos without a token answers 401 with a JSON error body',
    'a user who signs up and logs in can create a todo (201, done false) and read it back',
    "another user's todo answers 404",
    'an unknown route answers 404 with a JSON body',
    'passwords are stored as scrypt hashes with a per-user salt, never in plain text',
  ],
};
