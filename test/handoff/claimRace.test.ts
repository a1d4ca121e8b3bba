import { CaseIntakeService } from '../../src/cases/intakeService';
import { createHandoffService, type HandoffCore } from '../../src/handoff/handoffService';
import type { ConnectorRef } from '../../src/handoff/ports';
import { KeyedLock } from '../../src/instances/keyedLock';
import { createLogger } from '../../src/log';
import { openMongoStores } from '../../src/storage/mongo/mongoStores';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { TEST_TEAM, texts } from '../helpers/conversation';
import { describeWithMongo } from '../helpers/mongo';
import { removeDir, tempDir } from '../helpers/tempDir';
import { intakeCase } from '../storage/fixtures';

const connectors: ConnectorRef[] = Array.from({ length: 8 }, (_, i) => ({ id: `verbinder-${i}`, displayName: `Verbinder ${i}`, team: TEST_TEAM }));

/** A handoff core as one server process would run it (its own in-process lock); two of them over one store stand for two processes. */
function core(stores: Stores): HandoffCore {
  return createHandoffService({
    cases: stores.cases,
    transcripts: stores.transcripts,
    messenger: { continueConversation: async () => undefined },
    bus: stores.bus,
    guard: new KeyedLock(),
    texts,
    log: createLogger('silent'),
    settings: { defaultTeam: TEST_TEAM, replyTimeoutMinutes: 30, reopenWithinDays: 14 },
  });
}

function claimRace(name: string, open: () => Promise<{ stores: Stores; close(): Promise<void> }>): void {
  describe(`${name}: claim race`, () => {
    let opened: { stores: Stores; close(): Promise<void> };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(() => opened.close());

    it('of connectors claiming one case at once in two processes, exactly one wins and holds the case', async () => {
      const stores = opened.stores;
      await stores.cases.save(intakeCase({ id: 'race', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'escalated', level: 'zwaar', team: TEST_TEAM }));
      const processes = [core(stores), core(stores)];
      const results = await Promise.all(connectors.map((connector, i) => processes[i % 2].claim(connector, 'race')));
      const winners = connectors.filter((_, i) => results[i].ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual(Array(connectors.length - 1).fill({ ok: false, reason: 'already-claimed' }));
      expect(await stores.cases.get('race')).toMatchObject({ status: 'claimed', claimedBy: winners[0].id });
    });

    it('keeps a crisis marked by the bot in one process while a connector acts on the case in the other, every time', async () => {
      const stores = opened.stores;
      const bot = new CaseIntakeService(stores.cases, { decide: () => ({ level: 'licht', flags: [], reasons: [] }), followUp: undefined });
      const [first, second] = [core(stores), core(stores)];
      for (let round = 0; round < 10; round++) {
        const conversationId = `g-${round}`;
        const id = `case-${round}`;
        await stores.cases.save(intakeCase({ id, channel: 'webchat', userId: 'u1', conversationId, status: 'escalated', level: 'zwaar', team: TEST_TEAM }));
        expect(await first.claim(connectors[0], id)).toEqual({ ok: true, value: undefined });
        const who = { channel: 'webchat', conversationId, userId: 'u1', reference: {} };
        const crisisFlag = { domain: 'veiligheid', signal: 'suicidal', severity: 'crisis' as const, evidence: 'ik wil dood', message: 0, start: 0, end: 11, helpline: 'suicide' };
        const [, sent] = await Promise.all([
          bot.markCrisis(who, [crisisFlag]),
          second.sendToResident(connectors[0], id, 'Hoi, ik ben er.'),
          first.residentWrote(id, 'hallo?'),
        ]);
        expect(sent).toEqual({ ok: true, value: undefined });
        const stored = await stores.cases.get(id);
        expect(stored).toMatchObject({ level: 'crisis', urgent: true, status: 'claimed', claimedBy: connectors[0].id, lastResidentMessageAt: expect.any(String) });
        expect(stored?.lastConnectorReplyAt).toEqual(expect.any(String));
        expect(stored?.flags.filter((flag) => flag.signal === 'suicidal')).toHaveLength(1);
      }
    });
  });
}

claimRace('SQLite', async () => {
  const dir = tempDir();
  const stores = openSqliteStores(dir);
  return {
    stores,
    close: async () => {
      await stores.close();
      removeDir(dir);
    },
  };
});

describeWithMongo('MongoDB', (server) => {
  claimRace(server.kind === 'external' ? 'MONGODB_URI' : 'FerretDB', async () => {
    const stores = await openMongoStores({ uri: server.uri, dbName: server.newDatabaseName('race'), retentionDays: 365, log: createLogger('silent') });
    return {
      stores,
      close: async () => {
        await stores.db.dropDatabase().catch(() => undefined);
        await stores.close();
      },
    };
  });
});
