/**
 * The source of a fake `vercel` for tests: it answers the commands the vercel target runs with
 * the real CLI's output shapes (the deployment URL alone on stdout, progress on stderr, `inspect`
 * sections), and serves each deployment as a real HTTP server on loopback. A build from a
 * directory holding `fake-unhealthy` answers 500. The token `refused` is refused by `whoami`.
 */
export const fakeVercelSource =
  String.raw`
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CLI_LOG, JSON.stringify(args) + '\n');
const statePath = process.env.FAKE_CLI_STATE;
const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : { deployments: {}, production: null, project: null };
const save = () => fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
const fail = (message, code = 1) => { process.stderr.write('Error: ' + message + '\n'); process.exit(code); };
const token = args[args.indexOf('--token') + 1];
const command = args[0];

if (command === '--version') {
  process.stderr.write('Vercel CLI 48.1.0\n');
  process.stdout.write('48.1.0\n');
  process.exit(0);
}
if (!args.includes('--token')) fail('No existing credentials found. Please run ` +
  '`vercel login`' +
  String.raw` or pass "--token"');
if (token === 'refused') fail('The specified token is not valid. Use ` +
  '`vercel login`' +
  String.raw` to generate a new token.');

if (command === 'whoami') { process.stdout.write('loki-bot\n'); process.exit(0); }

if (command === 'pull') {
  state.project = path.basename(process.cwd());
  save();
  fs.mkdirSync('.vercel', { recursive: true });
  fs.writeFileSync('.vercel/project.json', JSON.stringify({ projectId: 'prj_fake', orgId: 'team_fake' }));
  process.stderr.write('Downloading ` +
  '`production`' +
  String.raw` Environment Variables for Project greeter\nCreated .vercel/.env.production.local file  [120ms]\n');
  process.exit(0);
}

if (command === 'build') {
  if (!fs.existsSync('.vercel/project.json')) fail('Your codebase isn’t linked to a project on Vercel. Run ` +
  '`vercel pull`' +
  String.raw` first.');
  fs.mkdirSync('.vercel/output', { recursive: true });
  fs.writeFileSync('.vercel/output/config.json', JSON.stringify({ version: 3, healthy: !fs.existsSync('fake-unhealthy') }));
  process.stderr.write('Vercel CLI 48.1.0\nBuild Completed in .vercel/output [2s]\n');
  process.exit(0);
}

if (command === 'deploy') {
  const output = '.vercel/output/config.json';
  if (!fs.existsSync(output)) fail('The "--prebuilt" option was used, but no prebuilt output found in ".vercel/output". Run ` +
  '`vercel build`' +
  String.raw` to generate a local build.');
  const healthy = JSON.parse(fs.readFileSync(output, 'utf8')).healthy;
  const portFile = path.join(path.dirname(statePath), 'port-' + Date.now() + '-' + process.pid);
  const server = "const s = require('node:http').createServer((q, r) => { r.statusCode = process.env.HEALTHY === '1' ? 200 : 500; r.end('deployment ' + process.env.NUMBER); }).listen(0, '127.0.0.1', () => require('node:fs').writeFileSync(process.env.PORT_FILE, String(s.address().port)))";
  const number = Object.keys(state.deployments).length + 1;
  const child = spawn(process.execPath, ['-e', server], { detached: true, stdio: 'ignore', env: { PORT_FILE: portFile, HEALTHY: healthy ? '1' : '0', NUMBER: String(number) } });
  child.unref();
  const started = Date.now();
  while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8') === '') {
    if (Date.now() - started > 10000) fail('the deployment did not start');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  const url = 'http://127.0.0.1:' + fs.readFileSync(portFile, 'utf8');
  state.deployments[url] = { id: 'dpl_' + number, pid: child.pid, number };
  save();
  process.stderr.write('Vercel CLI 48.1.0\nInspect: https://vercel.com/acme/greeter/dpl' + number + ' [1s]\nProduction: ' + url + ' [2s]\n');
  process.stdout.write(url + '\n');
  process.exit(0);
}

const target = args[1];
const deployment = state.deployments[target];
if (['inspect', 'promote', 'rollback', 'remove'].includes(command) && !deployment) fail('Can\'t find the deployment "' + target + '" under the context "acme"');

if (command === 'inspect') {
  const aliases = state.production === target ? '\n  Aliases\n\n    ╶ https://greeter.vercel.app\n    ╶ https://greeter-acme.vercel.app\n' : '';
  process.stderr.write('> Fetched deployment "' + target + '" in acme [300ms]\n\n  General\n\n    id\t\t' + deployment.id + '\n    name\tgreeter\n    target\tproduction\n    status\t● Ready\n    url\t\t' + target + '\n' + aliases + '\n  Builds\n\n    ╶ .        [0ms]\n');
  process.exit(0);
}
if (command === 'promote' || command === 'rollback') {
  state.production = target;
  save();
  process.stderr.write('Success! greeter was ' + (command === 'promote' ? 'promoted' : 'rolled back') + ' to ' + target + ' (' + deployment.id + ') [3s]\n');
  process.exit(0);
}
if (command === 'remove') {
  try { process.kill(deployment.pid, 'SIGKILL'); } catch {}
  delete state.deployments[target];
  save();
  process.stdout.write('> Success! Removed 1 deployment [1s]\n');
  process.exit(0);
}
fail('unknown or unexpected option: ' + command);
`;
