import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killedWhileAppending } from '../testing/killed-while-appending';
import { EmbeddedEventStore } from './embedded-event-store';

let folder: string;

killedWhileAppending(
  'embedded',
  async () => {
    folder = mkdtempSync(join(tmpdir(), 'event-store-crash-'));
    const file = join(folder, 'events.db');
    return { childArgs: ['embedded', file], open: async () => EmbeddedEventStore.open({ file }) };
  },
  async () => rmSync(folder, { recursive: true, force: true }),
);
