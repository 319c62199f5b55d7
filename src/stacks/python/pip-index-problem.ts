/** What pip prints when it cannot reach a package index, most telling first. */
const unreachable: readonly [RegExp, string][] = [
  [
    /Temporary failure in name resolution|Name or service not known|nodename nor servname/i,
    'its host name does not resolve',
  ],
  [/Network is unreachable/i, 'the network is unreachable'],
  [/Connection refused/i, 'the connection was refused'],
  [/ProxyError|Tunnel connection failed/i, 'the proxy refused the connection'],
  [/(?:Read|Connect)TimeoutError|timed out/i, 'the connection timed out'],
  [/CERTIFICATE_VERIFY_FAILED|SSLError/i, 'its TLS certificate was not accepted'],
];

/**
 * One sentence saying that pip could not reach its package index and why, or null when pip's
 * output shows no such failure (the index answered: the package or version does not exist).
 */
export function pipIndexProblem(output: string): string | null {
  if (
    !/Retrying \(|NewConnectionError|ConnectionError|ProxyError|SSLError|TimeoutError/.test(output)
  )
    return null;
  const reason =
    unreachable.find(([pattern]) => pattern.test(output))?.[1] ?? 'the connection failed';
  return `the package index is unreachable (${reason})`;
}
