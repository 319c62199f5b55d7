/**
 * What the task agents of the Todo API example say, turn by turn. `make-session.ts` turns this
 * into the session's agent replies, taking the content of every file an agent writes from
 * `recording/<task-id>/`.
 */

/**
 * A tool call of an agent. `fails` marks the one call the script expects to be refused;
 * `newSection` asks make-session.ts for an edit's new text: the section of the recorded file
 * from `from` to `to`, both included.
 */
export interface ScriptedCall {
  name: string;
  input: Record<string, unknown>;
  fails?: true;
  newSection?: { from: string; to: string };
}

/** One model reply of an agent: a few words of reasoning and the tool calls it makes. */
export interface ScriptedTurn {
  text: string;
  calls: ScriptedCall[];
}

const readFile = (path: string): ScriptedCall => ({ name: 'read_file', input: { path } });
const listFiles = (path?: string): ScriptedCall => ({
  name: 'list_files',
  input: path === undefined ? {} : { path },
});
const search = (pattern: string, path: string): ScriptedCall => ({
  name: 'search',
  input: { pattern, path },
});
const runCommand = (command: string, timeoutSeconds?: number): ScriptedCall => ({
  name: 'run_command',
  input: timeoutSeconds === undefined ? { command } : { command, timeoutSeconds },
});
const finish = (summary: string): ScriptedCall => ({ name: 'finish', input: { summary } });
/** Writes the file as recorded for the task; make-session.ts fills in the content. */
const writeFile = (path: string): ScriptedCall => ({ name: 'write_file', input: { path } });
const editFile = (path: string, oldString: string, newString: string): ScriptedCall => ({
  name: 'edit_file',
  input: { path, old_string: oldString, new_string: newString },
});
/** Replaces `oldString` with a longer section of the recorded file (from `from` to `to`). */
const editToSection = (
  path: string,
  oldString: string,
  from: string,
  to: string,
): ScriptedCall => ({
  name: 'edit_file',
  input: { path, old_string: oldString },
  newSection: { from, to },
});

/** The turns of each task agent, in order. */
export const agentTurns: Record<string, ScriptedTurn[]> = {
  'project-skeleton': [
    {
      text: 'I will start by looking at what the repository holds.',
      calls: [listFiles()],
    },
    {
      text: 'The repository is empty, so this task starts the project. The PRD asks for Node built-ins only: no dependencies at all, node:http with a small router, JSON errors in one shape. I will write the manifest, the configuration (JWT_SECRET required and never echoed) and the HTTP layer every feature will share.',
      calls: [
        writeFile('package.json'),
        writeFile('.gitignore'),
        writeFile('src/config.js'),
        writeFile('src/http/errors.js'),
        writeFile('src/http/json.js'),
        writeFile('src/http/router.js'),
        writeFile('src/http/handler.js'),
        writeFile('src/app.js'),
        writeFile('src/server.js'),
      ],
    },
    {
      text: 'Now the tests: the configuration rules, the handler over real HTTP (404, 405, 413, malformed JSON, 500 without details), and the JSON 404 of the app itself. A helper starts any server on an ephemeral port, for the tasks after me too.',
      calls: [
        writeFile('tests/helpers/test-app.js'),
        writeFile('tests/config.test.js'),
        writeFile('tests/http.test.js'),
        writeFile('tests/app.test.js'),
        writeFile('README.md'),
        runCommand('npm test'),
      ],
    },
    {
      text: 'All tests pass. One more check by hand: without JWT_SECRET the server must refuse to start with a clear message, not a stack trace.',
      calls: [runCommand('node src/server.js; echo "exit code $?"', 20)],
    },
    {
      text: 'It exits 1 and names the variable. Done.',
      calls: [
        finish(
          'Project skeleton on Node.js built-ins only: package.json (type module, no dependencies; scripts start = node src/server.js, test = node --test, coverage = node:test coverage with an 80 % line threshold), .gitignore, README. ' +
            'src/config.js: loadConfig(env) -> {port, databasePath, jwtSecret, tokenTtlSeconds}; throws ConfigError naming the variable, never its value (JWT_SECRET required, at least 32 characters). ' +
            "src/http/: router.js (Route = {method, path like '/todos/:id', handle(request) -> {status, body?, headers?}}; request has params, query (URLSearchParams), headers, readJson()), errors.js (HttpError(status, code, message, {fields, headers}); validationError(fields) -> 400 {error: 'validation', fields}; notFound(message)), json.js (readJsonBody with a 64 KiB limit -> 413; empty or malformed JSON -> 400 on fields.body), handler.js (JSON 404 and 405, 500 {error: 'internal'} with details only in the log; one access-log line per request, never headers or bodies). " +
            'src/app.js: createApp({db, config, logger}) -> http.Server; features add their routes to its routes array. src/server.js: listens on PORT, stops gracefully on SIGTERM and SIGINT. ' +
            'tests/helpers/test-app.js: startTestApp() and listen(server) give request(method, path, {body, token, headers}) -> {status, headers, body}; memoryLogger(); testConfig() with a random secret. Tests live in tests/*.test.js (node --test finds them; helpers in tests/helpers/ are not run as tests).',
        ),
      ],
    },
  ],

  database: [
    {
      text: 'Before adding storage I will read how the app and the server are put together, and the test helper.',
      calls: [
        readFile('src/app.js'),
        readFile('src/server.js'),
        readFile('tests/helpers/test-app.js'),
      ],
    },
    {
      text: "Storage with node:sqlite's DatabaseSync. Todos get an INTEGER seq (AUTOINCREMENT) beside their public id: 'newest first' and the cursor then follow insertion order exactly, even for todos created in the same millisecond, and the cursor is an opaque encoding of a seq. Migrations are versioned in schema_migrations, each in its own transaction. The list query handles the optional filter and cursor with parameters (:done IS NULL OR done = :done), so no SQL is ever assembled from pieces.",
      calls: [
        writeFile('src/db.js'),
        writeFile('src/repositories/users.js'),
        writeFile('src/repositories/todos.js'),
      ],
    },
    {
      text: 'Now the server opens the database on start and closes it on shutdown, and every test app gets a fresh database in a temporary file.',
      calls: [
        editFile(
          'src/server.js',
          "import { ConfigError, loadConfig } from './config.js';\n",
          "import { ConfigError, loadConfig } from './config.js';\nimport { openDatabase } from './db.js';\n",
        ),
        editFile(
          'src/server.js',
          'const server = createApp({ config, logger });',
          'const db = openDatabase(config.databasePath);\nconst server = createApp({ db, config, logger });',
        ),
        editFile(
          'src/server.js',
          '  server.close((error) => {\n',
          '  server.close((error) => {\n    db.close();\n',
        ),
        writeFile('tests/helpers/test-database.js'),
        editFile(
          'tests/helpers/test-app.js',
          "import { loadConfig } from '../../src/config.js';\n",
          "import { loadConfig } from '../../src/config.js';\nimport { createTestDatabase } from './test-database.js';\n",
        ),
        editToSection(
          'tests/helpers/test-app.js',
          "/**\n * Starts the app on an ephemeral port of 127.0.0.1 and returns a small JSON client for it.\n * @param {{ config?: import('../../src/config.js').Config, logger?: ReturnType<typeof memoryLogger> }} [options]\n */\nexport async function startTestApp(options = {}) {\n  const config = options.config ?? testConfig();\n  const logger = options.logger ?? memoryLogger();\n  const server = createApp({ config, logger });\n  const client = await listen(server);\n  return { ...client, config, logger };\n}",
          '/**\n * Starts the app, with a fresh database',
          '      database.remove();\n    },\n  };\n}',
        ),
      ],
    },
    {
      text: 'Tests against real database files: the schema, migrations run twice, foreign keys and WAL; the repositories including paging, the done filter and scoping by user.',
      calls: [
        writeFile('tests/db.test.js'),
        writeFile('tests/repositories.test.js'),
        runCommand('npm test'),
      ],
    },
    {
      text: 'Everything passes, the earlier tests included.',
      calls: [
        finish(
          "src/db.js: openDatabase(path) -> DatabaseSync (creates the folder; WAL, foreign keys, busy timeout; ':memory:' works) and migrate(db) -> versions applied (schema_migrations; each migration in a transaction; idempotent). Schema v1: users (id, email UNIQUE COLLATE NOCASE, password_hash, salt, created_at) and todos (seq INTEGER PRIMARY KEY AUTOINCREMENT, id UNIQUE, user_id REFERENCES users ON DELETE CASCADE, title, notes, done 0/1, due_date, created_at, updated_at), index (user_id, seq DESC). " +
            'src/repositories/users.js: createUserRepository(db, {now, generateId}) -> {create({email, passwordHash, salt}) -> {id, email, createdAt} (throws EmailTakenError), findByEmail(email) -> user with passwordHash and salt | null, findById(id) -> user | null}. ' +
            "src/repositories/todos.js: createTodoRepository(db, {now, generateId}) -> {create(userId, {title, notes, done, dueDate}), get(userId, id), list(userId, {done?, limit, cursor?}) -> {items, nextCursor} newest first (throws InvalidCursorError for a cursor it did not hand out), update(userId, id, changes) -> todo | null (only the fields given; stamps updatedAt), delete(userId, id) -> boolean}; a todo is {id, title, notes, done, dueDate, createdAt, updatedAt}; another user's todo behaves as missing. Every query is a prepared statement with parameters. " +
            'src/server.js opens the database at DATABASE_PATH and closes it on shutdown. Tests: tests/helpers/test-database.js (createTestDatabase() -> {db, path, remove()}, steppingClock()); startTestApp() now gives every app its own temporary database and exposes it as app.db.',
        ),
      ],
    },
  ],

  auth: [
    {
      text: 'I will read the app wiring, the error helpers and the users repository I build on.',
      calls: [
        readFile('src/app.js'),
        readFile('src/http/errors.js'),
        readFile('src/repositories/users.js'),
        readFile('tests/helpers/test-app.js'),
      ],
    },
    {
      text: 'Passwords: scrypt (N = 2^14, r = 8, p = 1) with a random 16-byte salt per user, compared with timingSafeEqual. Tokens: HS256 signed with node:crypto HMAC; verifying compares the signature in constant time and refuses any alg but HS256, expired tokens and malformed ones. requireUser also checks that the user still exists. Logging in with an unknown email still runs scrypt, so timing does not reveal which emails have accounts.',
      calls: [
        writeFile('src/auth/passwords.js'),
        writeFile('src/auth/tokens.js'),
        writeFile('src/auth/require-user.js'),
        writeFile('src/http/validation.js'),
        writeFile('src/routes/auth.js'),
      ],
    },
    {
      text: 'Now I mount the auth routes in createApp.',
      calls: [
        {
          ...editFile(
            'src/app.js',
            '  const routes = [];\n',
            '  const users = createUserRepository(deps.db);\n  const routes = [...authRoutes({ users, config: deps.config })];\n',
          ),
          fails: true,
        },
      ],
    },
    {
      text: 'That text is not in src/app.js: the routes array is written differently from what I remembered. Reading the file again.',
      calls: [readFile('src/app.js')],
    },
    {
      text: 'The array has a JSDoc type and a comment inside it. Editing with the exact text this time, adding the imports, and marking deps.db as required now that the app needs it.',
      calls: [
        editFile(
          'src/app.js',
          "import { createHandler } from './http/handler.js';\n",
          "import { createHandler } from './http/handler.js';\nimport { createUserRepository } from './repositories/users.js';\nimport { authRoutes } from './routes/auth.js';\n",
        ),
        editFile(
          'src/app.js',
          " * @param {import('node:sqlite').DatabaseSync} [deps.db] The open, migrated database.",
          " * @param {import('node:sqlite').DatabaseSync} deps.db The open, migrated database.",
        ),
        editFile(
          'src/app.js',
          'export function createApp(deps) {\n  /** @type {Route[]} */\n  const routes = [\n',
          'export function createApp(deps) {\n  const users = createUserRepository(deps.db);\n  /** @type {Route[]} */\n  const routes = [\n    ...authRoutes({ users, config: deps.config }),\n',
        ),
      ],
    },
    {
      text: 'Tests: tokens and passwords as units (expiry, tampering, alg none, another secret), both endpoints over HTTP with every validation rule, requireUser behind a test route, and a check that the log holds no password, token or secret.',
      calls: [
        writeFile('tests/helpers/accounts.js'),
        writeFile('tests/tokens-and-passwords.test.js'),
        writeFile('tests/auth.test.js'),
        runCommand('npm test'),
      ],
    },
    {
      text: 'All green.',
      calls: [
        finish(
          "POST /auth/signup {email, password} -> 201 {user: {id, email, createdAt}} (email trimmed and lower-cased; password 12-1024 characters; 409 {error: 'conflict'} when the email is taken) and POST /auth/login -> 200 {token, tokenType: 'Bearer', expiresIn: 86400}, or 401 {error: 'unauthorized'} for a wrong password and an unknown email alike (scrypt runs either way). Both bodies validated: 400 {error: 'validation', fields} with 'required', 'must be a string', 'must be an email address', 'unknown field'. Mounted in createApp (src/app.js now requires deps.db). " +
            'src/auth/passwords.js: hashPassword(password) -> {hash, salt} (scrypt, 16-byte salt, hex), verifyPassword(password, {hash, salt}) -> boolean (timingSafeEqual). src/auth/tokens.js: signToken(userId, secret, {ttlSeconds, now?}), verifyToken(token, secret, {now?}) -> {sub, iat, exp} | null. ' +
            "src/auth/require-user.js: createRequireUser({secret, users}) -> requireUser(handle): wraps a route's handle so it runs only with a valid 'Authorization: Bearer' token of an existing user, setting request.userId; otherwise 401 {error: 'unauthorized', message} with WWW-Authenticate: Bearer. " +
            'src/http/validation.js: expectObject(body), unknownFields(body, allowed) -> fields, throwIfInvalid(fields), characterCount(text). tests/helpers/accounts.js: signUpAndLogIn(app, email?) -> {user, token, email}; testPassword.',
        ),
      ],
    },
  ],

  'todo-routes': [
    {
      text: 'I will read the todo repository, the validation helpers and requireUser, and where routes are mounted.',
      calls: [
        readFile('src/repositories/todos.js'),
        readFile('src/http/validation.js'),
        readFile('src/auth/require-user.js'),
        readFile('src/app.js'),
      ],
    },
    {
      text: 'The input rules go in one module (title 1-200 characters counted as code points and trimmed, notes up to 2000 or null, done a boolean, dueDate a real YYYY-MM-DD date or null, unknown fields refused; limit 1-100, done true or false), the routes in another. Every route is wrapped in requireUser, so a request without a valid token never reaches validation. A todo of another user is simply not found by the repository, so it answers 404 like a missing one.',
      calls: [
        writeFile('src/todos/todo-input.js'),
        writeFile('src/routes/todos.js'),
        editFile(
          'src/app.js',
          "import { createServer } from 'node:http';\nimport { createHandler } from './http/handler.js';\n",
          "import { createServer } from 'node:http';\nimport { createRequireUser } from './auth/require-user.js';\nimport { createHandler } from './http/handler.js';\nimport { createTodoRepository } from './repositories/todos.js';\n",
        ),
        editFile(
          'src/app.js',
          "import { authRoutes } from './routes/auth.js';\n",
          "import { authRoutes } from './routes/auth.js';\nimport { todoRoutes } from './routes/todos.js';\n",
        ),
        editFile(
          'src/app.js',
          '  const users = createUserRepository(deps.db);\n  /** @type {Route[]} */\n  const routes = [\n    ...authRoutes({ users, config: deps.config }),\n    // Features add their routes here, e.g. ...todoRoutes({ todos, requireUser }).\n  ];',
          '  const users = createUserRepository(deps.db);\n  const todos = createTodoRepository(deps.db);\n  const requireUser = createRequireUser({ secret: deps.config.jwtSecret, users });\n  /** @type {Route[]} */\n  const routes = [\n    ...authRoutes({ users, config: deps.config }),\n    ...todoRoutes({ todos, requireUser }),\n  ];',
        ),
      ],
    },
    {
      text: 'Tests: the input rules as units, then every endpoint over HTTP: 401 without a token, creation and its validation, listing with the filter, the default page size and the cursor, reading, changing and deleting, and the ownership rule.',
      calls: [
        writeFile('tests/todo-input.test.js'),
        writeFile('tests/todos.test.js'),
        runCommand('npm test'),
      ],
    },
    {
      text: 'Everything passes.',
      calls: [
        finish(
          "src/routes/todos.js: todoRoutes({todos, requireUser}) mounted in createApp: POST /todos -> 201 todo (Location: /todos/:id); GET /todos?done=true|false&limit=1-100 (default 20)&cursor= -> 200 {items, nextCursor} newest first; GET /todos/:id -> 200 todo; PATCH /todos/:id {title?, notes?, done?, dueDate?} -> 200 todo; DELETE /todos/:id -> 204. All need a bearer token (401 otherwise); another user's todo and a missing one both answer 404 {error: 'not_found', message: 'there is no such todo'}. " +
            "src/todos/todo-input.js: parseNewTodo(body), parseTodoChanges(body) (at least one field; null clears notes and dueDate), parseListQuery(query), isCalendarDate(value); problems are 400 {error: 'validation', fields}, e.g. title 'required' | 'must not be empty' | 'must be at most 200 characters', dueDate 'must be an ISO-8601 date (YYYY-MM-DD) or null', cursor 'is not a cursor this API handed out'. " +
            'Tests: tests/todo-input.test.js (rules as units) and tests/todos.test.js (every endpoint over HTTP, the 401s and the ownership rule).',
        ),
      ],
    },
  ],

  'health-and-tests': [
    {
      text: 'First a look at the project as it stands, and at how the server reports its port so an end-to-end test can find it.',
      calls: [
        listFiles(),
        readFile('src/app.js'),
        search('listening on|SIGTERM', 'src'),
        readFile('tests/helpers/accounts.js'),
      ],
    },
    {
      text: 'The health route goes first in the routes, needs no token, and runs a real query, so a closed or broken database answers 503.',
      calls: [
        writeFile('src/routes/health.js'),
        editFile(
          'src/app.js',
          "import { authRoutes } from './routes/auth.js';\n",
          "import { authRoutes } from './routes/auth.js';\nimport { healthRoutes } from './routes/health.js';\n",
        ),
        editFile(
          'src/app.js',
          '  const routes = [\n    ...authRoutes(',
          '  const routes = [\n    ...healthRoutes({ db: deps.db }),\n    ...authRoutes(',
        ),
        writeFile('tests/health.test.js'),
      ],
    },
    {
      text: "The end-to-end suite runs the real server process the way npm start does: PORT=0 (it logs the port it got), DATABASE_PATH in a folder that does not exist yet, a random JWT_SECRET. It walks every endpoint, stops the server with SIGTERM and expects exit code 0 and a log without secrets, restarts it on the same file to prove the data survives and the migration is not run twice, and checks that it refuses to start without JWT_SECRET. npm run coverage runs the whole suite and also fails below the PRD's 80 % of lines.",
      calls: [writeFile('tests/e2e.test.js'), runCommand('npm run coverage')],
    },
    {
      text: 'All the tests pass and about 99 % of the lines in src/ are covered. Last, the README gets the API: endpoints, shapes, errors and a curl walk-through.',
      calls: [editToSection('README.md', '## Test\n', '## API\n', '## Test\n')],
    },
    {
      text: 'Done.',
      calls: [
        finish(
          "GET /health (src/routes/health.js, mounted first in createApp, no token): 200 {status: 'ok'} when the database answers SELECT 1, 503 {status: 'unavailable'} otherwise. " +
            'tests/health.test.js covers both. tests/e2e.test.js starts the real server (node src/server.js) with PORT=0, a temporary DATABASE_PATH in a folder that does not exist yet and a random JWT_SECRET, and walks every endpoint over HTTP: health, sign-up (and a short password), log-in, create (and an empty title), list with limit and cursor, the done filter, patch, delete, the ownership rule (404 for another user), 401 without a token and 404 JSON for an unknown route; then SIGTERM -> exit code 0 with no secret, password or token in the log; a restart on the same file keeps the data without migrating again; without JWT_SECRET the server exits 1 naming it. ' +
            'npm test passes; npm run coverage reports about 99 % of lines of src/ covered (threshold 80 %). README.md documents the API with curl examples. No code problems found in the earlier tasks.',
        ),
      ],
    },
  ],
};
