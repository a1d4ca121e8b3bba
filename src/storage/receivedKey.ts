import { createHash } from 'node:crypto';

/**
 * What the store keeps of a received message id: a digest. A WhatsApp message id encodes the
 * sender's phone number, and the store needs only to recognise the id again, never to read it.
 */
export function receivedKey(channel: string, messageId: string): string {
  return createHash('sha256').update(`${channel}\n${messageId}`).digest('hex');
}
