import type { Activity } from 'botbuilder';
import type { Collection, Document } from 'mongodb';
import { caseSchema } from '../../cases/case';
import { decodeBody } from '../jsonBody';
import { caseDocOf } from './caseDocument';
import type { MongoCollections } from './collections';
import { transcriptDocOf } from './transcriptDocument';
import { isDuplicateKey } from './uniqueInsert';

/** Cases and transcripts as structured documents (see caseDocument, transcriptDocument); before, each was one JSON string in `body`. */
export const DOCUMENT_FORMAT = 2;
const FORMAT_ID = 'documents';

export class UnmigratedStoreError extends Error {
  constructor() {
    super('MongoDB still holds cases or transcripts in the old format (one JSON string per document): stop every instance and run `npm run migrate` once, then start the bot again');
    this.name = 'UnmigratedStoreError';
  }
}

/**
 * Refuses a database with documents in the old format: the bot would not read them. Migrating
 * from here instead would let several instances start rewriting the same data at once, and hide a
 * long rewrite of every transcript inside a start-up. A database found without old documents is
 * marked, so later starts look at one document only.
 */
export async function assertMigrated(c: MongoCollections): Promise<void> {
  if ((await c.meta.findOne({ _id: FORMAT_ID }))?.format === DOCUMENT_FORMAT) return;
  if ((await c.cases.findOne({ body: { $exists: true } })) || (await c.transcripts.findOne({ body: { $exists: true } }))) throw new UnmigratedStoreError();
  await markMigrated(c);
}

/**
 * Rewrites every document still in the old format; run again it finds none (idempotent), and a run
 * that stopped halfway is simply run again. Each rewrite replaces only a document still in the old
 * format, so a document the bot wrote meanwhile is never overwritten.
 */
export async function migrateDocuments(c: MongoCollections): Promise<{ cases: number; transcripts: number }> {
  const cases = await rewrite(c.cases as unknown as Collection<Document>, (old) => caseDocOf(caseSchema.parse({ version: old.version, ...decodeBody<object>(old.body as string) })));
  const transcripts = await rewrite(c.transcripts as unknown as Collection<Document>, (old) => ({
    ...transcriptDocOf(decodeBody<Activity>(old.body as string)),
    // The time and id it was filed under keep its place in the conversation.
    _id: old._id,
    at: old.at,
  }));
  await markMigrated(c);
  return { cases, transcripts };
}

async function rewrite(collection: Collection<Document>, convert: (old: Document) => Document): Promise<number> {
  let count = 0;
  for await (const old of collection.find({ body: { $type: 'string' } })) {
    const result = await collection.replaceOne({ _id: old._id, body: { $type: 'string' } }, convert(old));
    count += result.modifiedCount;
  }
  return count;
}

async function markMigrated(c: MongoCollections): Promise<void> {
  try {
    await c.meta.replaceOne({ _id: FORMAT_ID }, { format: DOCUMENT_FORMAT, at: new Date() }, { upsert: true });
  } catch (error) {
    // Instances starting together: FerretDB's upsert is not atomic, and the other one has marked it.
    if (!isDuplicateKey(error)) throw error;
  }
}
