// What a run fetched from the network, as the CLI's report and the job summary both say it.
import { formatBytes } from './format.js';
import type { NodeImageReport } from './ports/node-image.js';
import type { Fetched } from './up.js';

/** `fetched` with what the tools' downloads fetched before the run. */
export function withTools(fetched: Fetched, bytes: number): Fetched {
  return { ...fetched, tools: fetched.tools + bytes, total: fetched.total + bytes };
}

/** One line: nothing, or the total and each source that fetched something. */
export function fetchedLine(fetched: Fetched): string {
  // What kind pulls itself is not seen here: never "nothing" when it may have pulled.
  const uncounted = fetched.kindMayPull ? '; not counted: the node image, if kind pulled it' : '';
  if (fetched.total === 0) return `fetched from the network: ${uncounted ? 'no image of sew-ci' : 'nothing'}${uncounted}`;
  const parts = [
    ['preload copies', fetched.preload],
    ['node image', fetched.nodeImage],
    ['tools', fetched.tools],
  ].filter(([, bytes]) => (bytes as number) > 0);
  return `fetched from the network: ${formatBytes(fetched.total)} (${parts.map(([name, bytes]) => `${name} ${formatBytes(bytes as number)}`).join(', ')})${uncounted}`;
}

/** What the post step adds: the mirrors' fetches happen while the job's tests run. */
export function mirrorsFetchedLine(bytes: number): string {
  return bytes === 0 ? 'the mirrors fetched nothing from their upstreams during the job' : `the mirrors fetched ${formatBytes(bytes)} from their upstreams during the job`;
}

export function nodeImageLine(node: NodeImageReport): string {
  const daemon = { present: 'already in Docker', loaded: `loaded into Docker as ${node.image}`, absent: 'not in Docker: kind pulls it' }[node.daemon];
  const stored = node.stored === undefined ? 'not stored' : node.stored === 'hit' ? 'already stored' : `stored (${formatBytes(node.bytesFetched)} fetched)`;
  return `${stored}, ${daemon}`;
}
