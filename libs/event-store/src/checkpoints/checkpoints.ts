import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Signed checkpoints anchor the hash chain outside the event file: whoever can rewrite `events.db` can recompute
 * every hash and the head, but cannot sign a checkpoint without the Ed25519 key, which lives outside DATA_DIR.
 * Each checkpoint signs a global position and the chain's hash there; verification recomputes the chain and
 * compares it at every checkpoint.
 */
export interface Checkpoint {
  position: number;
  /** The global chain hash of the event at `position`. */
  headHash: string;
  signedAt: string;
  /** Which key signed it (the first 16 hex digits of the SHA-256 of its public key, DER). */
  keyId: string;
  /** Base64 Ed25519 signature of checkpointMessage(). */
  signature: string;
}

/** A checkpoint whose signature verified with a trusted key: what the chain is compared with. */
export type ChainAnchor = Pick<Checkpoint, 'position' | 'headHash' | 'signedAt'>;

const MESSAGE_VERSION = 'atp-checkpoint-v1';

export function checkpointMessage(checkpoint: Pick<Checkpoint, 'position' | 'headHash' | 'signedAt'>): Buffer {
  return Buffer.from(`${MESSAGE_VERSION}\n${checkpoint.position}\n${checkpoint.headHash}\n${checkpoint.signedAt}`, 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function publicKeyPemOf(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** The signing key in the file (PKCS#8 PEM); a new one is created, readable by its owner only, when the file is missing. */
export function loadSigningKey(file: string): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': never overwrite a key another process created meanwhile.
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(file, 'utf8');
  const privateKey = createPrivateKeyOf(key, file);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return privateKey;
}

function createPrivateKeyOf(pem: string, file: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${file} does not hold a private key: ${(error as Error).message}`);
  }
}

/** Every public key in a PEM text (one or more `PUBLIC KEY` blocks): the current key and retired ones. */
export function publicKeysOf(pem: string): KeyObject[] {
  const blocks = pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((block) => createPublicKey(block));
}

export function signCheckpoint(privateKey: KeyObject, head: { position: number; hash: string }, signedAt: Date): Checkpoint {
  const unsigned = { position: head.position, headHash: head.hash, signedAt: signedAt.toISOString() };
  return {
    ...unsigned,
    keyId: keyIdOf(createPublicKey(privateKey)),
    signature: sign(null, checkpointMessage(unsigned), privateKey).toString('base64'),
  };
}

/** Appends one checkpoint line to the file (opened in append mode, flushed to disk before returning). */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The checkpoints of a file or export, in order; a missing file has none. */
export function readCheckpoints(fileOrText: { file: string } | { text: string }): Checkpoint[] {
  let text: string;
  if ('file' in fileOrText) {
    if (!existsSync(fileOrText.file)) return [];
    text = readFileSync(fileOrText.file, 'utf8');
  } else {
    text = fileOrText.text;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint);
}

export interface CheckedCheckpoints {
  /** Checkpoints signed by a trusted key, by position. */
  anchors: ChainAnchor[];
  /** Checkpoints whose signature does not verify with any trusted key: forged, or signed by an untrusted key. */
  untrusted: Checkpoint[];
}

/** Sorts the checkpoints into those a trusted key signed and the others. */
export function checkCheckpoints(checkpoints: Checkpoint[], trustedKeys: KeyObject[]): CheckedCheckpoints {
  const byId = new Map(trustedKeys.map((key) => [keyIdOf(key), key]));
  const anchors: ChainAnchor[] = [];
  const untrusted: Checkpoint[] = [];
  for (const checkpoint of checkpoints) {
    const key = byId.get(checkpoint.keyId);
    let valid = false;
    try {
      valid =
        key !== undefined &&
        Number.isSafeInteger(checkpoint.position) &&
        verify(null, checkpointMessage(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
    } catch {
      valid = false;
    }
    if (valid) anchors.push({ position: checkpoint.position, headHash: checkpoint.headHash, signedAt: checkpoint.signedAt });
    else untrusted.push(checkpoint);
  }
  anchors.sort((a, b) => a.position - b.position);
  return { anchors, untrusted };
}
