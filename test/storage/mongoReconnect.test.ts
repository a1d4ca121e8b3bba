import { createLogger } from '../../src/log';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo, ferretDbTarget } from '../helpers/mongo';
import { intakeCase, message } from './fixtures';

/**
 * The server goes away mid-conversation and comes back on the same port and data: operations fail
 * fast instead of hanging, nothing stored before is lost, and the driver reconnects by itself.
 * Always on a FerretDB of its own (an external MONGODB_URI cannot be stopped by a test).
 */
describeWithMongo(
  'MongoDB store when the server goes down and comes back',
  (server) => {
    let stores: MongoStores;
    afterAll(() => stores?.close());

    it('fails fast while the server is down, then works again with everything stored before', async () => {
      stores = await openMongoStores({ uri: server.uri, dbName: server.newDatabaseName('reconnect'), retentionDays: 365, log: createLogger('silent'), serverSelectionTimeoutMS: 1000 });
      await stores.storage.write({ 'webchat/conversations/g1/': { step: 1 } });
      await stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId: 'g1', userId: 'u1', text: 'voor', at: '2025-05-01T10:00:00.000Z', id: 'before' }));
      await stores.cases.save(intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1' }));
      const beforeDown = (await stores.storage.read(['webchat/conversations/g1/']))['webchat/conversations/g1/'];

      await server.stop(false);
      const started = Date.now();
      await expect(stores.storage.write({ 'webchat/conversations/g1/': { ...beforeDown, step: 2 } })).rejects.toThrow();
      await expect(stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId: 'g1', userId: 'u1', text: 'tijdens', at: '2025-05-01T10:01:00.000Z' }))).rejects.toThrow();
      await expect(stores.cases.get('c1')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(10_000);

      await server.start();
      // The write that failed left nothing behind (no lock, no half write): the same eTag is still current.
      await stores.storage.write({ 'webchat/conversations/g1/': { ...beforeDown, step: 3 } });
      await stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId: 'g1', userId: 'u1', text: 'na', at: '2025-05-01T10:02:00.000Z', id: 'after' }));
      expect((await stores.storage.read(['webchat/conversations/g1/']))['webchat/conversations/g1/'].step).toBe(3);
      expect((await stores.transcripts.getTranscriptActivities('webchat', 'g1')).items.map((item) => item.id)).toEqual(['before', 'after']);
      expect((await stores.cases.get('c1'))?.id).toBe('c1');
    }, 60_000);
  },
  ferretDbTarget(),
);
