/**
 * The source of a fake `docker` for tests: it answers the commands the docker target runs as
 * the real CLI does (output, exit codes, errors), keeps images and containers in a state file,
 * and runs each container as a real detached HTTP server on its published host port. An image
 * built from a context holding `fake-unhealthy` answers 500 everywhere. `FAKE_DOCKER_ENGINE=down`
 * makes it a CLI without an engine.
 */
export const fakeDockerSource = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_CLI_LOG, JSON.stringify(args) + '\n');
const statePath = process.env.FAKE_CLI_STATE;
const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : { images: {}, containers: {} };
const save = () => fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
const fail = (message, code = 1) => { process.stderr.write(message + '\n'); process.exit(code); };
const option = (name) => { const i = args.indexOf(name); return i === -1 ? undefined : args[i + 1]; };
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const daemonDown = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
const engineDown = process.env.FAKE_DOCKER_ENGINE === 'down';
const command = args[0];

if (command === 'version') {
  process.stdout.write(engineDown ? '28.2.2|\n' : '28.2.2|28.2.2\n');
  if (engineDown) fail(daemonDown);
  process.exit(0);
}
if (engineDown) fail(daemonDown);

if (command === 'build') {
  const tag = option('--tag');
  const context = path.resolve(args[args.length - 1]);
  if (!fs.existsSync(path.join(context, 'Dockerfile'))) fail('ERROR: failed to build: failed to read dockerfile: open Dockerfile: no such file or directory');
  state.images[tag] = { healthy: !fs.existsSync(path.join(context, 'fake-unhealthy')) };
  save();
  process.stderr.write('#0 building with "default" instance using docker driver\n#9 naming to docker.io/library/' + tag + ' done\n');
  process.exit(0);
}

if (command === 'run') {
  const name = option('--name');
  const image = args[args.length - 1];
  const [, hostPort, containerPort] = option('--publish').split(':');
  if (state.containers[name]) fail('docker: Error response from daemon: Conflict. The container name "/' + name + '" is already in use by container "' + state.containers[name].id + '". You have to remove (or rename) that container to be able to reuse that name.', 125);
  if (!state.images[image]) fail("Unable to find image '" + image + "' locally\ndocker: Error response from daemon: pull access denied for " + image.split(':')[0] + ', repository does not exist or may require \'docker login\'.', 125);
  const server = "require('node:http').createServer((q, s) => { s.statusCode = process.env.HEALTHY === '1' ? 200 : 500; s.end(process.env.IMAGE); }).listen(Number(process.env.HOST_PORT), '127.0.0.1')";
  const child = spawn(process.execPath, ['-e', server], {
    detached: true,
    stdio: 'ignore',
    env: { HOST_PORT: hostPort, IMAGE: image, HEALTHY: state.images[image].healthy ? '1' : '0', PORT: containerPort },
  });
  child.unref();
  const id = require('node:crypto').randomBytes(32).toString('hex');
  state.containers[name] = { id, image, pid: child.pid, hostPort: Number(hostPort) };
  save();
  process.stdout.write(id + '\n');
  process.exit(0);
}

if (command === 'rm') {
  const name = args[args.length - 1];
  const container = state.containers[name];
  if (container) {
    try { process.kill(container.pid, 'SIGKILL'); } catch {}
    delete state.containers[name];
    save();
    process.stdout.write(name + '\n');
  }
  process.exit(0);
}

if (command === 'inspect') {
  const name = args[args.length - 1];
  const container = state.containers[name];
  if (!container) { process.stdout.write('\n'); fail('Error: No such object: ' + name); }
  process.stdout.write(alive(container.pid) ? 'true\n' : 'false\n');
  process.exit(0);
}

if (command === 'logs') {
  const name = args[args.length - 1];
  const container = state.containers[name];
  if (!container) fail('Error response from daemon: No such container: ' + name);
  process.stdout.write('listening on ' + container.hostPort + '\n');
  process.stderr.write(state.images[container.image].healthy ? '' : 'health check handler: database unreachable\n');
  process.exit(0);
}

fail('docker: unknown command: docker ' + command + "\n\nRun 'docker --help' for more information");
`;
