import type { ProductProfile } from './product-profile.ts';

/**
 * A command, run inside the product's container, that exits 0 when the health path answers
 * 2xx on `$PORT`. It uses the runtime's own interpreter: slim images have no curl or wget.
 */
export function healthProbeCommand(profile: ProductProfile): string[] {
  // nginx's Alpine image has no Node or Python, but busybox wget.
  if (profile.frontEnd?.kind === 'static-site') {
    return ['wget', '-q', '--spider', `http://127.0.0.1:${profile.port}${profile.healthPath}`];
  }
  if (profile.runtime.stack === 'node') {
    return [
      'node',
      '-e',
      `fetch('http://127.0.0.1:' + process.env.PORT + '${profile.healthPath}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
    ];
  }
  // urlopen raises on 4xx/5xx and on refused connections: a non-zero exit either way
  return [
    'python',
    '-c',
    `import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s${profile.healthPath}' % os.environ['PORT'], timeout=3)`,
  ];
}
