import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every webhook body with the app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256>`
 * over the bytes as sent. Anything else (missing, malformed, another body) is not from Meta.
 */
export function validSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** Compares two secrets in constant time, whatever their lengths (digests first, so lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
