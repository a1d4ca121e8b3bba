/**
 * Keys and ids from channels reach MongoDB queries only as values. A string is always a value; an
 * object such as {"$gt": ""} from a crafted request would be read as an operator, so anything but a
 * string is refused before it gets near a query.
 */
export function asValue(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string.`);
  return value;
}
