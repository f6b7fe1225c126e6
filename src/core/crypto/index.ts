import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

/** A data-encryption key: 256 bits, named so ciphertexts say which key made them. */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

const VERSION = 'v1';
const IV_BYTES = 12;

/** Raised when a ciphertext cannot be opened: tampered, wrong context, or its key is gone. */
export class DecryptionError extends AppError {
  constructor(message: string) {
    super('decryption_failed', 500, message);
  }
}

/**
 * Parses DATA_KEYS: `id:base64key[,id:base64key...]`, the first key encrypts, every key
 * decrypts (rotation: put the new key first, re-encrypt, then drop the old one).
 */
export function parseDataKeys(value: string): DataKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded, extra] = part.split(':');
      if (!id || !encoded || extra !== undefined || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error('each key must be written id:base64key');
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
      return { id, key };
    });
  if (!keys.length) throw new Error('at least one key is needed');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must be unique');
  return keys;
}

/** A new random key, in the DATA_KEYS format. */
export function generateDataKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * Field encryption for medical information: AES-256-GCM with a random nonce per value, the
 * key id in the output, and associated data naming what the value is (table, column, row), so
 * a ciphertext copied into another row or field fails to open instead of leaking.
 */
export class FieldCipher {
  readonly #current: DataKey;
  readonly #byId: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly DataKey[]) {
    const [current] = keys;
    if (!current) throw new Error('FieldCipher needs a key');
    this.#current = current;
    this.#byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  encrypt(plaintext: string | Buffer, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return [VERSION, this.#current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(token: string, context: string): Buffer {
    const [version, keyId, iv, tag, body, extra] = token.split('.');
    if (version !== VERSION || !keyId || !iv || !tag || body === undefined || extra !== undefined) throw new DecryptionError('not a sealed value');
    const key = this.#byId.get(keyId);
    if (!key) throw new DecryptionError(`key ${keyId} is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    } catch {
      throw new DecryptionError('value was altered or belongs elsewhere');
    }
  }

  decryptText(token: string, context: string): string {
    return this.decrypt(token, context).toString('utf8');
  }

  /** The id of the key that seals new values. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  /** True when a value was sealed with a key other than the current one. */
  needsRotation(token: string): boolean {
    return token.split('.')[1] !== this.#current.id;
  }

  /** Opens and seals again with the current key (for key rotation jobs). */
  rotate(token: string, context: string): string {
    return this.needsRotation(token) ? this.encrypt(this.decrypt(token, context), context) : token;
  }

  /**
   * A tamper-proof token for a link that must work without signing in (unsubscribe, email
   * preferences): `value.keyId.mac`. The MAC key is derived per purpose from the data key, so a
   * token for one purpose never opens another; tokens made before a rotation keep working while
   * the old key is configured. `value` must not contain dots.
   */
  sign(value: string, purpose: string): string {
    if (value.includes('.')) throw new Error('signed values cannot contain dots');
    return `${value}.${this.#current.id}.${this.#mac(this.#current.key, value, purpose)}`;
  }

  /** The signed value, or null when the token was altered, made for another purpose or its key is gone. */
  verify(token: string, purpose: string): string | null {
    const [value, keyId, mac, extra] = token.split('.');
    if (!value || !keyId || !mac || extra !== undefined) return null;
    const key = this.#byId.get(keyId);
    if (!key) return null;
    const expected = Buffer.from(this.#mac(key, value, purpose), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
  }

  #mac(key: Buffer, value: string, purpose: string): string {
    const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `sutura-sign:${purpose}`, 32));
    // 128 bits is plenty for a link and keeps URLs short.
    return createHmac('sha256', macKey).update(value).digest().subarray(0, 16).toString('base64url');
  }
}

/**
 * The embedded default: a key file beside the database, created on first use with owner-only
 * permissions. Production installations set DATA_KEYS (and back the keys up separately).
 */
export function keysFromFile(dataDir: string): DataKey[] {
  const path = join(dataDir, 'data-keys');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, `${generateDataKey(`local${new Date().getUTCFullYear()}`)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseDataKeys(readFileSync(path, 'utf8'));
}
