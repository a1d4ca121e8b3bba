/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bug or bad data:
 * the resident is told to try again later, and the driver reconnects by itself.
 */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoWriteConcernError',
]);
// SQLite reports a locked, full or failing disk through these result codes.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

export function isStoreUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (UNAVAILABLE_NAMES.has(current.name)) return true;
    const code = (current as { code?: unknown }).code;
    if (current.name === 'SqliteError' && typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
  }
  return false;
}
