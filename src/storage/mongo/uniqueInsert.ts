import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/**
 * Inserts a document whose `_id` may already exist; resolves false when it does. An insert on a
 * unique key is the one write that is atomic on MongoDB and FerretDB alike (FerretDB's updates and
 * findAndModify are not), so every "exactly one wins" decision is made here.
 */
export async function insertUnique<T extends Document>(collection: Collection<T>, doc: OptionalUnlessRequiredId<T>): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
