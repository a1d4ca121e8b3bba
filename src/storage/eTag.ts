/**
 * botbuilder's storage contract for optimistic concurrency, shared by every store:
 * no eTag or `*` always writes; a new key always writes; otherwise the eTag must match.
 */
export function shouldWrite(newETag: string | undefined, currentETag: string | undefined): boolean {
  return currentETag === undefined || !newETag || newETag === '*' || newETag === currentETag;
}

/** The same message botbuilder's MemoryStorage uses, so callers that match on it keep working. */
export function eTagConflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
