/**
 * The API key crosses the LSP connection sealed to a key pair the server makes for itself (X25519, then
 * HKDF-SHA256 and AES-256-GCM): an LSP trace ("opsmith.trace.server": "verbose" logs every message to the Opsmith
 * output) shows only the public key and ciphertext. Node only (client and server), never the webview.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const VERSION = 'v1';
const INFO = 'opsmith api key';

function aesKey(shared: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, INFO, 32));
}

const publicKeyFrom = (base64: string): KeyObject =>
  createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });

/** Seals `secret` to the server's public key (base64 SPKI DER, from opsmith/modelKey). */
export function sealSecret(secret: string, serverPublicKey: string): string {
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: publicKeyFrom(serverPublicKey),
  });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, salt), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const epk = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  return [VERSION, epk, salt, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
    .join('.');
}

/** The server's side: one key pair per process, made on first use. */
export class SecretOpener {
  private pair?: { publicKey: string; privateKey: KeyObject };

  private keys() {
    if (!this.pair) {
      const { publicKey, privateKey } = generateKeyPairSync('x25519');
      this.pair = {
        publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        privateKey,
      };
    }
    return this.pair;
  }

  /** Base64 SPKI DER. */
  publicKey(): string {
    return this.keys().publicKey;
  }

  /** The sealed secret's text; throws when it was sealed to another key or tampered with. */
  open(sealed: string): string {
    const [version, ...parts] = sealed.split('.');
    if (version !== VERSION || parts.length !== 5) throw new Error('not a sealed secret');
    const [epk, salt, iv, ciphertext, tag] = parts.map((p) => Buffer.from(p, 'base64'));
    const shared = diffieHellman({
      privateKey: this.keys().privateKey,
      publicKey: createPublicKey({ key: epk, format: 'der', type: 'spki' }),
    });
    const decipher = createDecipheriv('aes-256-gcm', aesKey(shared, salt), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }
}
