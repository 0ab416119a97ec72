import { createPublicKey, KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keepsChain } from '../chain/chain-keeping-store';
import { EventStore } from '../event-store.port';
import { eventsAsStored } from '../upcasting/upcasting-event-store';
import { appendCheckpoint, Checkpoint, CheckedCheckpoints, checkCheckpoints, loadSigningKey, publicKeysOf, readCheckpoints, signCheckpoint } from './checkpoints';

export interface CheckpointSettings {
  AUDIT_SIGNING_KEY_FILE?: string;
  AUDIT_CHECKPOINT_FILE?: string;
  AUDIT_TRUSTED_KEYS_FILE?: string;
}

/**
 * The checkpoints of the configured store: signs new ones (with the key of AUDIT_SIGNING_KEY_FILE), reads and
 * checks those recorded, publishes the public keys. Without a key or a checkpoint file there are none.
 */
export class ChainCheckpoints {
  readonly file?: string;
  private readonly signingKey?: KeyObject;
  private readonly retiredKeys: KeyObject[];
  private lastSigned?: number;

  constructor(settings: CheckpointSettings) {
    const keyFile = settings.AUDIT_SIGNING_KEY_FILE;
    this.signingKey = keyFile ? loadSigningKey(keyFile) : undefined;
    this.file = settings.AUDIT_CHECKPOINT_FILE ?? (keyFile ? join(dirname(keyFile), 'checkpoints.jsonl') : undefined);
    const trusted = settings.AUDIT_TRUSTED_KEYS_FILE;
    this.retiredKeys = trusted && existsSync(trusted) ? publicKeysOf(readFileSync(trusted, 'utf8')) : [];
  }

  get configured(): boolean {
    return this.file !== undefined;
  }

  /** The keys whose checkpoints are trusted: the signing key's and the retired ones. */
  trustedKeys(): KeyObject[] {
    return [...(this.signingKey ? [createPublicKey(this.signingKey)] : []), ...this.retiredKeys];
  }

  /** The public keys auditors verify checkpoints with, PEM (the current one first). */
  publicKeysPem(): string {
    return this.trustedKeys()
      .map((key) => key.export({ type: 'spki', format: 'pem' }).toString())
      .join('');
  }

  /** The recorded checkpoints, sorted into trusted anchors and untrusted ones; undefined when none are configured. */
  check(): CheckedCheckpoints | undefined {
    if (!this.file) return undefined;
    return checkCheckpoints(readCheckpoints({ file: this.file }), this.trustedKeys());
  }

  /** The checkpoint file as recorded (JSON Lines), for export. */
  exportText(): string {
    return this.file && existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
  }

  /**
   * Signs the chain's head when it moved since the last checkpoint, read from the store as stored (the embedded
   * and PostgreSQL stores: EventStoreDB keeps no chain).
   */
  async signHead(readers: EventStore, now: Date): Promise<Checkpoint | undefined> {
    const store = eventsAsStored(readers);
    if (!this.signingKey || !this.file || !keepsChain(store)) return undefined;
    this.lastSigned ??= readCheckpoints({ file: this.file }).reduce((last, checkpoint) => Math.max(last, checkpoint.position), 0);
    const head = await store.chainHead();
    if (head.position === 0 || head.position === this.lastSigned) return undefined;
    const checkpoint = signCheckpoint(this.signingKey, head, now);
    appendCheckpoint(this.file, checkpoint);
    this.lastSigned = head.position;
    return checkpoint;
  }
}
