/**
 * Stored documents keep the caller's value as one JSON string. Channel data and Adaptive Cards carry
 * keys such as "$schema" and "a.b" that MongoDB-compatible servers refuse or treat as paths, and
 * FerretDB also refuses nested arrays; a string round-trips any JSON exactly on every server.
 * Fields a query needs are kept beside it as plain top-level fields.
 */
export function encodeBody(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeBody<T = unknown>(body: string): T {
  return JSON.parse(body) as T;
}
