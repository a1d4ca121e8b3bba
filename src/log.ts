import pino from 'pino';

/**
 * Structured JSON logs. Callers pass ids, counts and error names only: message text and
 * personal data never go into a log line (AVG), so no field here carries them.
 */
export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'wijkverbinder' }, redact: ['text', 'message.text', 'activity.text'] });
}

/** Reduces an error to what is safe to log: its name and a code, never a payload that may echo user text. */
export function errorFields(error: unknown): { error: string; code?: string | number } {
  if (error instanceof Error) {
    const code = (error as { code?: string | number }).code;
    return code === undefined ? { error: error.name } : { error: error.name, code };
  }
  return { error: typeof error };
}
