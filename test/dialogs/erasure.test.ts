import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { consentGiven, startConversation, texts as t, type TestConversation } from '../helpers/conversation';
import { removeDir, tempDir } from '../helpers/tempDir';
import { dumpSqlite } from '../storage/dumps';

/** "Verwijder mijn gegevens" through the real dialogs on the real embedded store, checked on disk. */
describe('erasure on request', () => {
  let dataDir: string;
  let stores: Stores;
  let chat: TestConversation;
  beforeEach(() => {
    dataDir = tempDir();
    stores = openSqliteStores(dataDir);
    chat = startConversation({ stores });
  });
  afterEach(async () => {
    await stores.close();
    removeDir(dataDir);
  });

  const onDisk = () => JSON.stringify(dumpSqlite(dataDir));

  it('asks to confirm, then removes every trace of the resident, and starts afresh afterwards', async () => {
    await consentGiven(chat);
    await chat.say('Mijn huur is te hoog, geheim-1234');
    await chat.say('Ik kan goed koken');
    await chat.say('Iemand die meedenkt');
    expect(onDisk()).toContain('geheim-1234');

    expect(await chat.say('verwijder mijn gegevens')).toEqual([expect.stringContaining(t.erasure.confirm)]);
    expect(await chat.say('jawel')).toEqual([t.erasure.done]);

    const disk = onDisk();
    for (const trace of ['geheim-1234', 'Convo1', 'users/user1', 'test:user1', 'koken']) expect(disk).not.toContain(trace);
    expect(await stores.cases.listByResident('test:user1')).toEqual([]);

    // Nothing of the erasure turn itself was written back: the next message is a new first meeting.
    expect(await chat.say('hallo')).toEqual([t.greeting.intro, expect.any(String), expect.stringContaining(t.greeting.consentQuestion)]);
  });

  it('keeps everything and carries on with the same question when the resident says no', async () => {
    await consentGiven(chat);
    await chat.say('Ik zit alleen thuis, geheim-5678');
    expect(await chat.say('kun je mijn gegevens verwijderen?')).toEqual([expect.stringContaining(t.erasure.confirm)]);
    expect(await chat.say('nee hoor')).toEqual([t.erasure.kept, t.intake.kan]);
    expect(onDisk()).toContain('geheim-5678');
    expect(await chat.say('Ik kan goed luisteren')).toEqual([t.intake.nodig]);
  });

  it('asks again when the answer is neither yes nor no', async () => {
    await consentGiven(chat);
    await chat.say('verwijder mijn gegevens');
    expect(await chat.say('misschien')).toEqual([expect.stringContaining(t.erasure.retry)]);
    expect(await chat.say('ja')).toEqual([t.erasure.done]);
  });

  it('works before consent too, and also after the intake has ended', async () => {
    await chat.say('hallo');
    await chat.say('nee');
    expect(onDisk()).toContain('users/user1');
    await chat.say('wis mijn gegevens');
    expect(await chat.say('ja')).toEqual([t.erasure.done]);
    expect(onDisk()).not.toContain('users/user1');
  });

  it('says so and loses nothing when the store fails during the erasure', async () => {
    await consentGiven(chat);
    await chat.say('Mijn post stapelt zich op, geheim-9999');
    const erase = jest.spyOn(stores.residents, 'eraseResident').mockRejectedValueOnce(new Error('store down'));
    await chat.say('verwijder mijn gegevens');
    expect(await chat.say('ja')).toEqual([t.erasure.failed, t.intake.kan]);
    expect(erase).toHaveBeenCalledTimes(1);
    expect(onDisk()).toContain('geheim-9999');
  });
});
