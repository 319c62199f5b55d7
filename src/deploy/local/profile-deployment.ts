// Test support for the framework profiles' deploy tests: one fixture product, installed once,
// deployed by a local target of its own, and everything it started stopped and removed after.
import type { InstallReport } from '../../stacks/index.ts';
import { waitUntil } from '../../workspace/testing-processes.ts';
import { deploySourceOf } from '../deploy-source.ts';
import type { DeploySource } from '../deploy-target.ts';
import { processesWorkingIn, temporaryDirectory } from '../test-support.ts';
import type { ProjectPaths } from './deployment-paths.ts';
import { createLocalTarget, type LocalTarget } from './local-target.ts';
import { profileProduct, type ProfileProduct } from './profile-product.ts';
import { stopSupervisor } from './supervisor-client.ts';

/** A fixture product and the local target that deploys it, for one test file. */
export interface ProfileDeployment {
  /** A target with a deployments directory of its own, sandbox off. */
  readonly target: LocalTarget;
  /** The project's deployment directory. */
  readonly paths: ProjectPaths;
  /** The product; throws before `setUp` has finished. */
  readonly product: ProfileProduct;
  /** How the product's install went; throws before `setUp` has finished. */
  readonly install: InstallReport;
  /** Writes the product, commits it, detects its stack and installs it (for `beforeAll`). */
  setUp(): Promise<void>;
  /**
   * Commits what the install wrote (the lockfiles), so the release installs exactly what was
   * tested, and reads the product's deploy source as a run would.
   */
  source(): Promise<DeploySource>;
  /**
   * Stops the project's supervisor and gives the killed release up to 10 s to end; returns the
   * pids still working in the deployment directory: none when the stop ended everything.
   */
  stop(): Promise<number[]>;
  /** Stops whatever is still running and removes the product and the deployments (for `afterAll`). */
  tearDown(): Promise<void>;
}

/** A deployment of the product made of `files`, under the name `project`. */
export function profileDeployment(options: {
  project: string;
  files: Record<string, string>;
}): ProfileDeployment {
  const deployments = temporaryDirectory(`loki-deployments-${options.project}-`);
  const target = createLocalTarget({ deploymentsDir: deployments.path, sandbox: 'none' });
  const paths = target.pathsOf(options.project);
  let product: ProfileProduct | undefined;
  let install: InstallReport | undefined;
  const setUpFirst = (): never => {
    throw new Error('call setUp() first, in beforeAll');
  };
  return {
    target,
    paths,
    get product() {
      return product ?? setUpFirst();
    },
    get install() {
      return install ?? setUpFirst();
    },
    async setUp() {
      product = await profileProduct(options.files);
      install = await product.stack.install(product.runner);
    },
    async source() {
      const installed = product ?? setUpFirst();
      await installed.commit('the lockfiles');
      return deploySourceOf(installed.root, { project: options.project });
    },
    async stop() {
      await stopSupervisor(paths);
      // The group was sent SIGKILL; on a loaded machine the kernel may take a moment to end it.
      await waitUntil(() => processesWorkingIn(paths.dir).length === 0, 10_000).catch(() => {});
      return processesWorkingIn(paths.dir);
    },
    async tearDown() {
      await stopSupervisor(paths).catch(() => undefined);
      product?.remove();
      deployments.remove();
    },
  };
}
