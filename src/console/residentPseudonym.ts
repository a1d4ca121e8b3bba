import { pseudonymDigest } from '../log';

// Crockford's base32: no I, L, O or U, so a code read aloud over the phone cannot be misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 5;

/**
 * A short, stable code for a resident ("K7F3Q") that connectors can say and search for, derived
 * one-way from the resident key with the log's id secret: the same resident always gets the same
 * code, and the code does not lead back to a phone number or channel id.
 */
export function residentPseudonym(idSecret: string, residentKey: string): string {
  const digest = pseudonymDigest(idSecret, residentKey);
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[digest[i] % ALPHABET.length];
  return code;
}
