import { createHmac, randomBytes } from 'node:crypto';
import pino from 'pino';

/**
 * Structured JSON logs. Callers pass ids, counts and error names only: message text and
 * personal data never go into a log line (AVG), so no field here carries them.
 */
export type Logger = pino.Logger;

/** Log fields that hold a channel's conversation or user id: on WhatsApp these contain a phone number. */
const PERSON_ID_FIELDS = ['conversation', 'conversationId', 'userId', 'residentKey', 'from'] as const;

/**
 * `idSecret` keys the pseudonyms of conversation and user ids (HMAC-SHA256), so the same resident
 * can be followed through the logs without the logs holding the id. Without one, a random secret per
 * process: pseudonyms are then stable only until a restart.
 */
export function createLogger(level: string, idSecret: string = newIdSecret(), destination?: pino.DestinationStream): Logger {
  const pseudonym = (value: unknown) => (value === undefined || value === null ? value : pseudonymDigest(idSecret, String(value)).toString('hex').slice(0, 16));
  return pino({
    level,
    base: { service: 'wijkverbinder' },
    redact: ['text', 'message.text', 'activity.text', 'name', 'displayName'],
    serializers: Object.fromEntries(PERSON_ID_FIELDS.map((field) => [field, pseudonym])),
  }, destination);
}

/** A secret for pseudonyms that holds until the process ends, for when LOG_ID_SECRET is not set. */
export function newIdSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The keyed, one-way digest behind every pseudonym of a person's id: in the logs and in the console. */
export function pseudonymDigest(idSecret: string, value: string): Buffer {
  return createHmac('sha256', idSecret).update(value).digest();
}

/** Reduces an error to what is safe to log: its name and a code, never a payload that may echo user text. */
export function errorFields(error: unknown): { error: string; code?: string | number } {
  if (error instanceof Error) {
    const code = (error as { code?: string | number }).code;
    return code === undefined ? { error: error.name } : { error: error.name, code };
  }
  return { error: typeof error };
}
