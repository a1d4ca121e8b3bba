import type { IntakeCase } from '../../src/cases/case';
import { reportKinds, type ReportKind } from '../../src/cases/report';
import type { ConnectorRef } from '../../src/handoff/ports';
import type { Stores } from '../../src/storage/stores';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import { consentGiven, startConversation, TEST_TEAM, texts as t, type TestConversation } from '../helpers/conversation';
import { clockFrom } from '../helpers/clock';
import { removeDir, tempDir } from '../helpers/tempDir';

const r = t.report;
const anna: ConnectorRef = { id: 'anna', displayName: 'Anna de Vries', team: TEST_TEAM };

interface ReportAnswers {
  kind?: string;
  story?: string;
  where?: string;
  when?: string;
  danger?: string;
  tried?: string;
  feedback?: string;
}

/** The whole report after the entry choice; returns the replies to the last answer. */
async function report(chat: TestConversation, answers: ReportAnswers = {}): Promise<string[]> {
  await chat.say(answers.kind ?? r.kinds.geluid);
  if (answers.story !== '') await chat.say(answers.story ?? 'de buurman bonkt elke nacht op de muur');
  await chat.say(answers.where ?? 'Schiedamseweg 12-B');
  await chat.say(answers.when ?? 'elke nacht rond 3 uur');
  await chat.say(answers.danger ?? 'Nee');
  await chat.say(answers.tried ?? 'aangebeld, niemand deed open');
  return chat.say(answers.feedback ?? r.feedbackChoices[1]);
}

async function reportChoice(chat: TestConversation): Promise<string[]> {
  await consentGiven(chat);
  return chat.say(t.entry.choices.report);
}

const stored = async (chat: TestConversation, user = 'user1'): Promise<IntakeCase> => (await chat.stores.cases.listByResident(`test:${user}`)).at(-1)!;
const referenceIn = (text: string) => /M-[A-Z0-9]{6}/.exec(text)?.[0];

describe('entry: help for oneself, an overlast report or the volunteer sign-up', () => {
  let chat: TestConversation;
  beforeEach(() => (chat = startConversation()));
  afterEach(() => chat.close());

  it('offers the three choices as buttons with the first question, right after consent', async () => {
    await chat.say('hallo');
    expect(await chat.say('ja')).toEqual([t.greeting.consentGiven, t.intake.wil]);
    expect(chat.lastReplies[1].suggestedActions?.actions.map((action) => action.title)).toEqual([t.entry.choices.self, t.entry.choices.report, t.entry.choices.volunteer]);
  });

  it('a tap on "Overlast melden" starts the report, with anonymity said at once', async () => {
    expect(await reportChoice(chat)).toEqual([r.intro, r.kindQuestion]);
    expect(r.intro).toMatch(/anoniem/);
    expect(chat.lastReplies[1].suggestedActions?.actions.map((action) => action.title)).toEqual(reportKinds.map((kind) => r.kinds[kind]));
  });

  it('a tap on "Hulp voor mezelf" starts the intake with its first question', async () => {
    await consentGiven(chat);
    expect(await chat.say(t.entry.choices.self)).toEqual([t.entry.ownStory]);
    expect((await chat.say('Ik heb veel schulden')).at(-1)).toBe(t.intake.kan);
  });

  it('a tap on "Iets doen voor de buurt" goes to the volunteer sign-up', async () => {
    await consentGiven(chat);
    expect(await chat.say(t.entry.choices.volunteer)).toEqual([t.volunteer.intro, t.volunteer.name]);
  });

  it('free text that asks to volunteer goes to the volunteer sign-up too', async () => {
    await consentGiven(chat);
    expect(await chat.say('ik wil vrijwilliger worden')).toEqual([t.volunteer.intro, t.volunteer.name]);
  });

  it.each([
    'ik wil overlast melden: de buurman schreeuwt elke nacht en bonkt op de muur',
    'de buurman maakt elke nacht herrie',
    'bij nr 12 stinkt het in de gang',
  ])('free text that is clearly a report goes straight to the report: %s', async (text) => {
    await consentGiven(chat);
    expect(await chat.say(text)).toEqual([r.intro, r.kindQuestion]);
    await chat.say(r.kinds.geluid);
    // The story was told already: the next question is where.
    expect(chat.lastReplies.map((reply) => reply.text)).toEqual([r.whereQuestion]);
    await chat.say('Schiedamseweg 12');
    await chat.say('sinds vorige week');
    await chat.say('Nee');
    await chat.say('niets');
    await chat.say('nee');
    expect((await stored(chat)).report?.story).toBe(text);
  });

  it('free text about the writer\'s own life goes on with the intake, without a button first', async () => {
    await consentGiven(chat);
    expect((await chat.say('Ik heb veel schulden en ik slaap slecht')).at(-1)).toBe(t.intake.kan);
    expect((await stored(chat)).answers.wil).toBe('Ik heb veel schulden en ik slaap slecht');
  });
});

describe('an overlast report, through the real dialogs, triage and store', () => {
  let chat: TestConversation;
  beforeEach(() => (chat = startConversation()));
  afterEach(() => chat.close());

  const expectedLevel: Record<ReportKind, 'licht' | 'zwaar'> = {
    geluid: 'licht',
    'stank-vervuiling': 'licht',
    'verward-gedrag': 'zwaar',
    'agressie-dreiging': 'licht',
    drugs: 'licht',
    brandgevaar: 'zwaar',
    verwaarlozing: 'zwaar',
    anders: 'licht',
  };

  it.each(reportKinds.map((kind) => [kind]))('kind %s: asks every question, gives a reference and queues the report', async (kind) => {
    await reportChoice(chat);
    expect(await chat.say(r.kinds[kind])).toEqual([r.storyQuestion]);
    expect(await chat.say('er gebeurt al weken iets vreemds bij de buren')).toEqual([r.whereQuestion]);
    expect(await chat.say('Mathenesserweg 40, 3 hoog')).toEqual([r.whenQuestion]);
    expect(await chat.say('al maanden, elke nacht')).toEqual([r.dangerQuestion]);
    expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.title)).toEqual(r.dangerChoices);
    const afterDanger = await chat.say('Nee');
    expect(afterDanger.at(-1)).toBe(r.triedQuestion);
    // A worry about a confused or neglected neighbour also gets the Meldpunt's number.
    expect(afterDanger.includes(r.worry)).toBe(kind === 'verward-gedrag' || kind === 'verwaarlozing');
    expect(await chat.say('een briefje in de bus gedaan')).toEqual([r.feedbackQuestion]);
    const end = await chat.say(r.feedbackChoices[0]);
    const reference = referenceIn(end[0])!;
    expect(end[0]).toContain(r.summary.replace('{reference}', reference));
    expect(end[0]).toContain(r.summaryFeedback);
    expect(end).toContain(r.queued);

    const value = await stored(chat);
    expect(value).toMatchObject({ status: 'escalated', level: expectedLevel[kind], team: TEST_TEAM, answers: {} });
    expect(value.escalatedAt).toBeDefined();
    expect(value.report).toMatchObject({
      reference,
      kind,
      story: 'er gebeurt al weken iets vreemds bij de buren',
      place: { text: 'Mathenesserweg 40, 3 hoog', key: 'mathenesserweg 40-3' },
      when: { text: 'al maanden, elke nacht', frequency: 'nightly', approximate: true, ongoing: true },
      dangerNow: false,
      tried: 'een briefje in de bus gedaan',
      feedback: true,
      reportersAtAddress: 1,
    });
    expect(value.flags.find((flag) => flag.signal === `report-${kind}`)).toBeDefined();
  });

  it('danger now: the crisis reply with 112 first, the report urgent at once, no more questions', async () => {
    await reportChoice(chat);
    await chat.say(r.kinds['agressie-dreiging']);
    await chat.say('de buurman scheldt en dreigt de hele avond op de galerij');
    await chat.say('Schiedamseweg 12');
    await chat.say('nu');
    const replies = await chat.say('Ja');
    expect(replies[0].startsWith(t.crisis.intro)).toBe(true);
    expect(replies[0]).toContain(t.crisis.helplines.emergency);
    expect(replies[0].indexOf('112')).toBeLessThan(replies[0].indexOf(t.crisis.escalated));
    expect(replies.join('\n')).not.toContain(r.triedQuestion);
    expect(replies.filter((reply) => reply.includes(t.crisis.helplines.emergency))).toHaveLength(1);
    expect(await stored(chat)).toMatchObject({ level: 'crisis', urgent: true, status: 'escalated', report: { dangerNow: true } });
  });

  it('an anonymous report: no contact details asked, and no message about it later', async () => {
    await reportChoice(chat);
    const end = await report(chat, { feedback: 'Nee, dank je' });
    expect(end[0]).toContain(r.summaryAnonymous);
    const value = await stored(chat);
    expect(value.report).toMatchObject({ feedback: false });
    expect(await chat.handoff.claim(anna, value.id)).toEqual({ ok: true, value: undefined });
    expect(await chat.handoff.close(anna, value.id, 'doorverwezen', 'GGD team')).toEqual({ ok: true, value: undefined });
    expect(chat.takeProactive()).toEqual([]);
  });

  it('a reporter who asked to hear back gets the status by reference, without anything about the neighbour', async () => {
    await reportChoice(chat);
    await report(chat, { feedback: 'ja' });
    const value = await stored(chat);
    const reference = value.report!.reference;
    expect(await chat.handoff.claim(anna, value.id)).toEqual({ ok: true, value: undefined });
    expect(chat.takeProactive()).toEqual([r.status.claimed.replace('{reference}', reference)]);
    expect(await chat.handoff.close(anna, value.id, 'doorverwezen', 'GGZ-team van de buurman')).toEqual({ ok: true, value: undefined });
    const closing = chat.takeProactive();
    expect(closing).toEqual([r.status.closed.replace('{reference}', reference)]);
    expect(closing.join()).not.toMatch(/GGZ|buurman|Anna/);
  });

  it('hoarding with vermin is zwaar; a barking dog is licht', async () => {
    await reportChoice(chat);
    await report(chat, { kind: r.kinds['stank-vervuiling'], story: 'het huis staat vol spullen tot het plafond en er lopen ratten en ongedierte' });
    expect((await stored(chat)).level).toBe('zwaar');
    const other = startConversation();
    try {
      await reportChoice(other);
      await report(other, { kind: r.kinds.geluid, story: 'de hond van de buren blaft de hele dag' });
      expect((await stored(other)).level).toBe('licht');
    } finally {
      await other.close();
    }
  });

  it('asks behaviour only: no question asks for a name, a diagnosis or medical details', async () => {
    const questions = [r.intro, r.kindQuestion, r.storyQuestion, r.whereQuestion, r.whenQuestion, r.dangerQuestion, r.triedQuestion, r.feedbackQuestion].join(' ');
    expect(questions).not.toMatch(/hoe heet|naam van|diagnose|medicijn|ziekte/i);
    expect(r.storyQuestion).toMatch(/geen naam/);
  });
});

describe('the reporter\'s own data', () => {
  let chat: TestConversation;
  beforeEach(() => (chat = startConversation()));
  afterEach(() => chat.close());

  it('"verwijder mijn gegevens" after a report, while it waits in the queue, erases the report too', async () => {
    await reportChoice(chat);
    await report(chat, { where: 'Schiedamseweg 12-B' });
    expect(await chat.stores.cases.listReportsAt('schiedamseweg 12b')).toHaveLength(1);
    expect(await chat.say('verwijder mijn gegevens')).toContain(t.erasure.confirm);
    expect(await chat.say('ja')).toContain(t.erasure.done);
    expect(await chat.stores.cases.listReportsAt('schiedamseweg 12b')).toEqual([]);
    expect(await chat.stores.cases.listByResident('test:user1')).toEqual([]);
  });
});

describe('bad input in a report is handled politely', () => {
  let chat: TestConversation;
  beforeEach(() => (chat = startConversation()));
  afterEach(() => chat.close());

  it('an empty or emoji-only answer gets the question once more, then the bot goes on with what it has', async () => {
    await reportChoice(chat);
    expect(await chat.say('😡😡😡')).toEqual([r.kindRetry]);
    expect(await chat.say('🤬')).toEqual([r.storyQuestion]);
    expect(await chat.say('')).toEqual([r.storyRetry]);
    expect(await chat.say('🙈🙈')).toEqual([r.whereQuestion]);
    expect(await chat.say('🏠')).toEqual([r.whereRetry]);
    expect(await chat.say('🏠🏠')).toEqual([r.whenQuestion]);
    expect(await chat.say('⏰')).toEqual([r.dangerQuestion]);
    expect(await chat.say('🤷')).toEqual([r.dangerRetry]);
    const unclear = await chat.say('🤷🤷');
    expect(unclear).toContain(t.danger.unclear);
    expect(await chat.say('🤐')).toEqual([r.feedbackQuestion]);
    const end = await chat.say('🙃');
    expect(end).toEqual([r.feedbackQuestion]);
    const done = await chat.say('🙃🙃');
    expect(done[0]).toContain(r.summaryAnonymous);
    expect((await stored(chat)).report).toMatchObject({ kind: 'anders', story: '🙈🙈', place: { text: '🏠🏠' }, feedback: false });
  });

  it('a 5,000-character answer is refused politely and the same question waits', async () => {
    await reportChoice(chat);
    await chat.say(r.kinds.geluid);
    expect(await chat.say('herrie '.repeat(715))).toEqual([t.errors.tooLong]);
    expect(await chat.say('de buurman draait elke nacht harde muziek')).toEqual([r.whereQuestion]);
  });

  it('HTML in an answer is kept as the reporter\'s words, never read as markup', async () => {
    await reportChoice(chat);
    await report(chat, { story: '<script>alert(1)</script> de buren schreeuwen' });
    expect((await stored(chat)).report?.story).toBe('<script>alert(1)</script> de buren schreeuwen');
  });
});

describe('repeated reports about one address', () => {
  let dir: string;
  let stores: Stores;
  // One clock for all reporters, so their reports are in the order they were made.
  let now: () => Date;
  beforeEach(() => {
    dir = tempDir();
    stores = openSqliteStores(dir);
    now = clockFrom();
  });
  afterEach(async () => {
    await stores.close();
    removeDir(dir);
  });

  async function reportAs(user: string, conversation: string, where: string): Promise<IntakeCase> {
    const chat = startConversation({ stores, now });
    chat.adapter.conversation.user = { id: user, name: user };
    chat.adapter.conversation.conversation = { ...chat.adapter.conversation.conversation, id: conversation };
    // A reporter who consented before is not asked again.
    if ((await chat.say('hallo')).includes(t.greeting.consentQuestion)) await chat.say('ja');
    expect(await chat.say(t.entry.choices.report)).toEqual([r.intro, r.kindQuestion]);
    await report(chat, { where });
    const value = (await stores.cases.listByResident(`test:${user}`)).at(-1)!;
    await chat.close();
    return value;
  }

  it('are linked by normalised address; three different reporters within 30 days make it zwaar', async () => {
    const first = await reportAs('buur1', 'c1', 'Schiedamseweg 12-B');
    const second = await reportAs('buur2', 'c2', 'schiedamseweg 12b');
    expect([first.level, second.level]).toEqual(['licht', 'licht']);
    await reportAs('buur9', 'c9', 'Schiedamseweg 14');
    const third = await reportAs('buur3', 'c3', 'SCHIEDAMSEWEG 12 B');
    expect(third).toMatchObject({ level: 'zwaar', report: { reportersAtAddress: 3 } });
    expect(third.reasons).toContain('repeated-reports');
    const linked = await stores.cases.listReportsAt('schiedamseweg 12b');
    expect(linked.map((value) => value.id)).toEqual([first.id, second.id, third.id]);
    // The earlier reports about the address move up with it.
    expect(linked.map((value) => value.level)).toEqual(['zwaar', 'zwaar', 'zwaar']);
    expect((await stores.cases.listReportsAt('schiedamseweg 14'))[0].level).toBe('licht');
  });

  it('one reporter repeating cannot raise an address alone', async () => {
    await reportAs('buur1', 'c1', 'Schiedamseweg 12-B');
    await reportAs('buur1', 'c2', 'Schiedamseweg 12-B');
    const again = await reportAs('buur1', 'c3', 'Schiedamseweg 12-B');
    expect(again).toMatchObject({ level: 'licht', report: { reportersAtAddress: 1 } });
    expect(again.reasons).not.toContain('repeated-reports');
  });
});
