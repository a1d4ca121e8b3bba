/** Page size of botbuilder's own transcript stores, so callers that page through them behave the same. */
export const TRANSCRIPT_PAGE_SIZE = 20;

/** Activities carry their timestamp as a Date in memory and as an ISO string after JSON; both sort as ISO text. */
export function timestampOf(activity: { timestamp?: Date | string }): string {
  const value = activity.timestamp ?? new Date();
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * Where a page of a transcript ended. Activities are ordered by timestamp and then by the order
 * they were stored in (`id` is the store's own row id), so activities with equal timestamps are
 * neither skipped nor repeated across pages.
 */
export interface TranscriptCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: TranscriptCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** A garbled token is refused rather than read as "from the start", which would make a pager loop forever. */
export function decodeCursor(token: string): TranscriptCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && !Number.isNaN(Date.parse(value[0]))) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new TypeError('Invalid transcript continuation token.');
}
