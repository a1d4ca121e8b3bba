import { createLogger } from '../../src/log';
import { openMongoStores } from '../../src/storage/mongo/mongoStores';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { consentGiven, followUpTexts, startConversation, texts } from '../helpers/conversation';
import { describeWithMongo, type MongoTestServer } from '../helpers/mongo';
import { removeDir, tempDir } from '../helpers/tempDir';
import { dumpMongo, dumpSqlite } from './dumps';

/** Everything the database holds, as text, read directly. */
type Dump = () => Promise<string>;

/** The real bot and dialogs on each store: an intake is kept, exported and then erased without a trace. */
function intakeOnStore(open: () => Promise<{ stores: Stores; dump: Dump; close(): Promise<void> }>): void {
  it('keeps a whole intake, exports it, and erases every trace of the resident', async () => {
    const { stores, dump, close } = await open();
    const chat = startConversation({ stores });
    try {
      const userId = chat.adapter.conversation.user?.id ?? '';
      const conversationId = chat.adapter.conversation.conversation.id;
      const channel = chat.adapter.conversation.channelId as string;
      await consentGiven(chat);
      await chat.say('Ik wil hulp met mijn post-geheim');
      await chat.say('Ik kan goed koken');
      await chat.say('Iemand die meedenkt');
      await chat.say(followUpTexts.done);
      expect(await stores.cases.findActiveByConversation(channel, conversationId)).toMatchObject({ residentKey: `${channel}:${userId}`, status: 'open' });

      const exported = await stores.residents.exportResident(channel, userId);
      expect(exported.cases).toHaveLength(1);
      expect(JSON.stringify(exported.transcripts)).toContain('post-geheim');
      expect(JSON.stringify(exported.transcripts)).toContain(texts.intake.kan);
      expect(Object.keys(exported.state).length).toBeGreaterThanOrEqual(2);
      expect(await dump()).toContain('post-geheim');

      await stores.residents.eraseResident(channel, userId);
      const after = await dump();
      for (const trace of ['post-geheim', conversationId, `${channel}/users/${userId}`, `${channel}:${userId}`]) expect(after).not.toContain(trace);
    } finally {
      await chat.close();
      await close();
    }
  });
}

describe('SQLite store under the real bot', () => {
  intakeOnStore(async () => {
    const dir = tempDir();
    const stores = openSqliteStores(dir);
    return {
      stores,
      dump: async () => JSON.stringify(dumpSqlite(dir)),
      close: async () => {
        await stores.close();
        removeDir(dir);
      },
    };
  });
});

describeWithMongo('MongoDB store under the real bot', (server: MongoTestServer) => {
  intakeOnStore(async () => {
    const stores = await openMongoStores({ uri: server.uri, dbName: server.newDatabaseName('bot'), retentionDays: 365, log: createLogger('silent') });
    return {
      stores,
      dump: async () => JSON.stringify(await dumpMongo(stores.db)),
      close: async () => {
        await stores.db.dropDatabase().catch(() => undefined);
        await stores.close();
      },
    };
  });
});
