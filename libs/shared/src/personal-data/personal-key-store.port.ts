/**
 * Where the per-person keys of personal data live: outside the event stream, so that erasing a key makes every
 * copy of the data it encrypted unreadable (crypto-shredding) while the events themselves never change.
 */
export interface PersonalKey {
  keyId: string;
  /** 32 bytes for AES-256-GCM. */
  key: Buffer;
}

export type KeyLookup = { status: 'FOUND'; tenant: string; personId: string; key: Buffer } | { status: 'ERASED' } | { status: 'UNKNOWN' };

export interface PersonalKeyStore {
  /** The person's current key, created on first use (after an erasure, a new key). */
  keyFor(tenant: string, personId: string, create: () => PersonalKey, at: string): Promise<PersonalKey>;
  find(keyId: string): Promise<KeyLookup>;
  /** Destroys every key of the person; the number destroyed, or undefined when the person never had one. */
  erase(tenant: string, personId: string, erasedBy: string, at: string): Promise<{ keyIds: string[] } | undefined>;
  close(): Promise<void>;
}
