/**
 * The signed checkpoints of the hash chain, for operators and auditors (see README, "Signed checkpoints"):
 *   npm run -s audit:checkpoint              signs the chain's head now (the worker does it periodically)
 *   npm run -s audit:public-key              prints the public keys that verify the checkpoints (PEM)
 *   npm run -s audit:export-history -- --out DIR
 *                                            writes DIR/history.jsonl (the whole log, as stored), DIR/checkpoints.jsonl
 *                                            and DIR/public-key.pem, for `npm run audit:verify -- --history …` offline
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ChainCheckpoints } from '../../../libs/event-store/src/checkpoints/chain-checkpoints';
import { keepsChain } from '../../../libs/event-store/src/chain/chain-keeping-store';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { validateEnvironment } from '../../../libs/shared/src/config/environment';
import { runCli } from './cli';

const USAGE = 'usage: audit-anchor checkpoint | public-key | export-history --out DIR';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const env = validateEnvironment(process.env);
  const checkpoints = new ChainCheckpoints(env);
  const command = positionals[0];
  if (command === 'public-key') {
    const pem = checkpoints.publicKeysPem();
    if (pem === '') throw new Error('No signing key: set AUDIT_SIGNING_KEY_FILE');
    process.stdout.write(pem);
    return 0;
  }
  if (command !== 'checkpoint' && !(command === 'export-history' && values.out)) {
    console.error(USAGE);
    return 2;
  }
  const store = openConfiguredEventStore(env);
  try {
    if (!keepsChain(store)) throw new Error('Only the embedded and PostgreSQL stores keep a hash chain to anchor');
    if (command === 'checkpoint') {
      if (!checkpoints.configured) throw new Error('No signing key: set AUDIT_SIGNING_KEY_FILE');
      const checkpoint = await checkpoints.signHead(store, new Date());
      console.log(checkpoint ? `signed position ${checkpoint.position} (${checkpoint.headHash}) into ${checkpoints.file}` : 'the head is already signed');
      return 0;
    }
    const out = values.out!;
    mkdirSync(out, { recursive: true });
    const history = createWriteStream(join(out, 'history.jsonl'));
    let events = 0;
    for await (const event of store.exportHistory()) {
      if (!history.write(`${JSON.stringify(event)}\n`)) await new Promise<void>((resolve) => history.once('drain', () => resolve()));
      events += 1;
    }
    await new Promise<void>((resolve, reject) => {
      history.once('error', reject);
      history.end(() => resolve());
    });
    writeFileSync(join(out, 'checkpoints.jsonl'), checkpoints.exportText());
    writeFileSync(join(out, 'public-key.pem'), checkpoints.publicKeysPem());
    console.log(`${events} events, the checkpoints and the public keys written to ${out}`);
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main);
