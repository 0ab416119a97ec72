/**
 * Creates the README's journey against a running api, through its public HTTP api only:
 * `npm run demo [-- --url http://localhost:3000]`. Every write carries an Idempotency-Key (or is a delivery fact
 * that the same report again leaves unchanged), so a second run writes nothing new. Needs bash, curl and jq; start
 * the worker too (`npm run start:worker`) for the adjustment proposal. Prints the ids and the pages to open.
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { README, journeyScript } from './readme-journey';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
  const url = values.url!.replace(/\/+$/, '');
  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
  } catch {
    throw new Error(`No api answers at ${url}: start it with \`npm start\` (and the worker with \`npm run start:worker\`), or give --url`);
  }
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', journeyScript()], {
    cwd: dirname(README),
    env: { ...process.env, API: url },
    // No stdin: bash reads the system bashrc when its stdin is a socket (as under a remote shell), which a
    // script run with -u must not do.
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`The journey stopped (exit ${run.status ?? run.signal}): see the answer above`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
