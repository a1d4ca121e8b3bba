import { hash, verify, type Options } from '@node-rs/argon2';

/** Short passwords fall to guessing whatever the hash; 12 characters is the floor for an account that sees special-category data. */
export const MIN_PASSWORD_LENGTH = 12;

// Set here, not left to the library's defaults: argon2id, 19 MiB, 2 passes, 1 lane (OWASP's recommendation).
// algorithm 2 is Argon2id in the library's const enum, which isolated modules cannot import.
export const ARGON2_OPTIONS: Options = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** A hash of nothing anyone knows: an unknown username is verified against it, so it costs as much time as a known one. */
const decoy = hash('wijkverbinder-decoy-password', ARGON2_OPTIONS);

/** True when the password matches; a missing account is checked against the decoy and is always false. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
