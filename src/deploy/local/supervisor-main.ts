// The detached supervisor of one project's local deployment: `node supervisor-main.ts <root> <project>`.
// It outlives the `loki` command that started it, and stops on `loki stop` or SIGTERM.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { projectPaths } from './deployment-paths.ts';
import { listenForControl } from './control-server.ts';
import { Supervisor } from './supervisor.ts';

const [root, project] = process.argv.slice(2);
if (root === undefined || project === undefined) {
  process.stderr.write('usage: supervisor-main.ts <deployments directory> <project>\n');
  process.exit(2);
}
const paths = projectPaths(root, project);
takeLock(paths.lock);
const supervisor = new Supervisor(paths);
await supervisor.open();
let stopping = false;
const control = await listenForControl(supervisor, paths.socket, () => void finish());
process.stderr.write(
  `${new Date().toISOString()} supervisor ${process.pid} serving ${supervisor.url}\n`,
);

async function finish(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await supervisor.stopAll();
  control.close();
  rmSync(paths.socket, { force: true });
  rmSync(paths.lock, { force: true });
  process.stderr.write(`${new Date().toISOString()} supervisor ${process.pid} stopped\n`);
  process.exit(0);
}
process.on('SIGTERM', () => void finish());
process.on('SIGINT', () => void finish());

/** One supervisor per project: the lock file holds the pid of the one that runs. */
function takeLock(path: string): void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(path, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        process.stderr.write(`another supervisor (pid ${holder}) runs ${project}; exiting\n`);
        process.exit(0);
      }
      rmSync(path, { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
