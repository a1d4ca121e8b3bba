/**
 * A Tuesday in March, 11:00 in Amsterdam, no holiday: inside the default office hours. Tests that
 * start the bot or the server run on a clock that starts here, so no reply depends on the hour, the
 * weekday, the date or the time zone the suite runs in.
 */
export const OPEN_TUESDAY = '2025-03-04T10:00:00Z';

/** A clock that starts at `start` and then runs at the real pace, so waiting times and expiries still move. */
export function clockFrom(start: string = OPEN_TUESDAY): () => Date {
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}

