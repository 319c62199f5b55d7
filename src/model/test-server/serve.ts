import { parseArgs } from 'node:util';
import { errorMessage } from '../../core/index.ts';
import { loadScript } from './load-script.ts';
import { startTestModelServer } from './test-model-server.ts';

/**
 * Runs the test model server on its own, for a person or a child-process test to point a
 * real `loki` at: `node src/model/test-server/serve.ts --script FILE [--port N] [--host H]`.
 * Prints the base URL as one line on stdout; stops on SIGINT or SIGTERM. A bad argument or
 * script file gives a one-line error on stderr and exit status 2.
 */
async function serve(): Promise<void> {
  const { values } = parseArgs({
    options: {
      script: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  if (values.script === undefined) throw new Error('--script FILE is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port "${values.port}" is not a port; expected an integer from 0 to 65535`);
  }
  const script = await loadScript(values.script);
  const server = await startTestModelServer({ replies: script.replies, host: values.host, port });
  const stop = () => void server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`${server.baseUrl}\n`);
}

serve().catch((error: unknown) => {
  process.stderr.write(`test model server: ${errorMessage(error).replaceAll('\n', '; ')}\n`);
  process.exitCode = 2;
});
