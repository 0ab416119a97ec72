import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { PersonalKeyStore } from './personal-key-store.port';

/** A personal attribute as events carry it: ciphertext and the id of the person's key, never the value. */
export interface SealedPersonalData {
  keyId: string;
  algorithm: 'AES-256-GCM';
  /** Base64 of the 12-byte nonce, the ciphertext and the 16-byte authentication tag. */
  iv: string;
  ciphertext: string;
  tag: string;
}

/**
 * What a reader gets: the value while the person's key exists; ERASED once it was destroyed; WITHHELD from a
 * role that may not read it; UNAVAILABLE when this key store never held the key (another deployment's data).
 */
export type PersonalDataView = { status: 'AVAILABLE'; value: string } | { status: 'ERASED' } | { status: 'WITHHELD' } | { status: 'UNAVAILABLE' };

/** Injection token of the key store adapter. */
export const PERSONAL_KEY_STORE = Symbol('PERSONAL_KEY_STORE');

const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts personal attributes with a key per person (AES-256-GCM) held in the key store, and reads them back
 * while the key exists. The ciphertext is bound to its tenant, person and attribute (authenticated data), so it
 * cannot be passed off as another person's.
 */
export class PersonalDataVault {
  constructor(private readonly keys: PersonalKeyStore) {}

  async seal(tenant: string, personId: string, attribute: string, value: string, at: string): Promise<SealedPersonalData> {
    const { keyId, key } = await this.keys.keyFor(tenant, personId, () => ({ keyId: randomUUID(), key: randomBytes(32) }), at);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(boundTo(tenant, personId, attribute));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return { keyId, algorithm: 'AES-256-GCM', iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  }

  /** The value, or ERASED once the person's key is gone. A ciphertext that does not authenticate throws. */
  async open(tenant: string, personId: string, attribute: string, sealed: SealedPersonalData): Promise<PersonalDataView> {
    const lookup = await this.keys.find(sealed.keyId);
    if (lookup.status === 'ERASED') return { status: 'ERASED' };
    if (lookup.status === 'UNKNOWN') return { status: 'UNAVAILABLE' };
    if (lookup.tenant !== tenant || lookup.personId !== personId) throw new Error(`Key ${sealed.keyId} is not the key of this person`);
    const decipher = createDecipheriv(ALGORITHM, lookup.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(boundTo(tenant, personId, attribute));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const value = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    return { status: 'AVAILABLE', value };
  }

  /** Crypto-shredding: destroys the person's keys. Undefined when the person never had personal data. */
  erase(tenant: string, personId: string, erasedBy: string, at: string): Promise<{ keyIds: string[] } | undefined> {
    return this.keys.erase(tenant, personId, erasedBy, at);
  }
}

function boundTo(tenant: string, personId: string, attribute: string): Buffer {
  return Buffer.from(JSON.stringify([tenant, personId, attribute]), 'utf8');
}
