import { residentKeyOf } from '../../src/cases/case';
import { consentGiven, followUpTexts, startConversation, texts, type TestConversation } from '../helpers/conversation';

const v = texts.volunteer;
const KEY = residentKeyOf('test', 'user1');

/** The whole sign-up, answered the way people write. */
async function signUp(chat: TestConversation, consent = 'ja'): Promise<string[]> {
  expect(await chat.say('Ik wil graag iets doen voor de buurt')).toEqual([v.intro, v.name]);
  expect(await chat.say('Fatma')).toEqual([v.talents]);
  const heard = await chat.say('Ik kook graag en help mensen met brieven');
  expect(heard).toEqual(['Ik schreef op: formulieren en post en koken.', v.days]);
  expect(chat.lastReplies[1].suggestedActions?.actions.map((action) => action.title)).toEqual(['doordeweeks', 'weekend', 'maakt niet uit']);
  expect(await chat.say('dinsdag en donderdag')).toEqual([v.dayParts]);
  expect(await chat.say('middag')).toEqual([v.area]);
  expect(await chat.say('Schiedamseweg')).toEqual([v.languages]);
  expect(await chat.say('Nederlands en Turks')).toEqual([v.contact]);
  const summary = await chat.say('Via deze chat');
  expect(summary[0]).toBe(
    "Dit schreef ik op:\nNaam: Fatma\nJe kunt: formulieren en post en koken\nWanneer: dinsdag en donderdag, 's middags\nWaar: Schiedamseweg\nTalen: Nederlands en Turks\nContact: Via deze chat",
  );
  expect(summary[1]).toContain('365 dagen');
  return chat.say(consent);
}

describe('volunteer sign-up through the real dialogs', () => {
  let chat: TestConversation;
  beforeEach(() => {
    chat = startConversation();
  });
  afterEach(() => chat.close());

  it('signs up with talents, days, area, languages and contact mapped to the list, kept only after consent', async () => {
    expect(await signUp(chat)).toEqual([v.saved]);
    expect(await chat.stores.volunteers.findByKey(KEY)).toMatchObject({
      name: 'Fatma',
      talents: ['formulieren', 'koken'],
      talentText: 'Ik kook graag en help mensen met brieven',
      days: ['di', 'do'],
      dayParts: ['middag'],
      area: { given: 'Schiedamseweg', postcode: '3021E' },
      languages: ['nederlands', 'turks'],
      contact: 'chat',
      status: 'active',
      screening: { vog: 'unchecked' },
      team: 'bospolder-tussendijken',
    });
  });

  it('keeps nothing when consent is refused', async () => {
    expect(await signUp(chat, 'nee')).toEqual([v.notSaved]);
    expect(await chat.stores.volunteers.findByKey(KEY)).toBeUndefined();
  });

  it('asks again for what it cannot read; talents it cannot map are kept in the volunteer\'s own words after a second try', async () => {
    await chat.say('iets doen voor de buurt');
    expect(await chat.say('🙂🙂')).toEqual([v.nameRetry]);
    expect(await chat.say('<script>alert(1)</script> Piet')).toEqual([v.talents]);
    expect(await chat.say('van alles eigenlijk')).toEqual([v.talentsUnknown]);
    expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.title)).toContain('computer en telefoon');
    expect(await chat.say('van alles eigenlijk')).toEqual([v.days]);
    expect(await chat.say('geen idee')).toEqual([v.daysRetry]);
    expect(await chat.say('weekend')).toEqual([v.dayParts]);
    expect(await chat.say('maakt niet uit')).toEqual([v.area]);
    expect(await chat.say('3022 ab')).toEqual([v.languages]);
    expect(await chat.say('x'.repeat(3000))).toEqual([v.languagesRetry]);
    expect(await chat.say('arabisch')).toEqual([v.contact]);
    expect(await chat.say('per duif')).toEqual([v.contactRetry]);
    await chat.say('Bellen');
    expect(await chat.say('ja')).toEqual([v.saved]);
    expect(await chat.stores.volunteers.findByKey(KEY)).toMatchObject({
      name: '<script>alert(1)</script> Piet',
      talents: [],
      talentText: 'van alles eigenlijk',
      days: ['za', 'zo'],
      dayParts: ['ochtend', 'middag', 'avond'],
      area: { given: '3022 ab', postcode: '3022A' },
      languages: ['arabisch'],
      contact: 'bellen',
    });
  });

  it('pauses, comes back and stops at any time; a stopped volunteer is kept only for the retention period', async () => {
    expect(await chat.say('pauze als vrijwilliger')).toEqual([v.notVolunteer]);
    await signUp(chat);
    expect(await chat.say('pauze als vrijwilliger')).toEqual([v.paused]);
    expect((await chat.stores.volunteers.findByKey(KEY))?.status).toBe('paused');
    expect(await chat.say('weer vrijwilliger')).toEqual([v.resumed]);
    expect((await chat.stores.volunteers.findByKey(KEY))?.status).toBe('active');
    expect(await chat.say('Stop als vrijwilliger!')).toEqual([v.stopped.replace('{retentionDays}', '365')]);
    expect((await chat.stores.volunteers.findByKey(KEY))?.status).toBe('stopped');
  });

  it('signing up again updates the same volunteer and keeps the screening a coordinator recorded', async () => {
    await signUp(chat);
    const first = (await chat.stores.volunteers.findByKey(KEY))!;
    await chat.stores.volunteers.save({ ...first, screening: { vog: 'checked', by: 'coordinator-1', at: first.updatedAt } });
    expect((await chat.say('iets doen voor de buurt'))[0]).toBe(v.already);
    await chat.say('Fatma Y.');
    for (const answer of ['koken', 'maandag', 'avond', 'Hudsonstraat', 'Turks', 'Bellen']) await chat.say(answer);
    await chat.say('ja');
    const second = (await chat.stores.volunteers.findByKey(KEY))!;
    expect(second).toMatchObject({ id: first.id, name: 'Fatma Y.', talents: ['koken'], screening: { vog: 'checked' }, createdAt: first.createdAt });
  });
});

describe('the invitation after "Wat kun je?"', () => {
  let chat: TestConversation;
  beforeEach(() => {
    chat = startConversation();
  });
  afterEach(() => chat.close());

  async function lightIntake(kan: string): Promise<string[]> {
    await consentGiven(chat);
    await chat.say('Ik voel me vaak alleen');
    await chat.say(kan);
    await chat.say('Iemand om mee te wandelen');
    return chat.say(followUpTexts.done);
  }

  it('invites once, politely, with one button, when a light intake shows something to offer', async () => {
    const replies = await lightIntake('Ik kan goed koken');
    expect(replies.slice(1)).toEqual([texts.intake.nextStepLight, texts.intake.keepWriting, v.invite]);
    expect(chat.lastReplies.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual([v.inviteChoice]);
    // Tapping the button starts the sign-up.
    expect(await chat.say(v.inviteChoice)).toEqual([v.intro, v.name]);
    await chat.say('opnieuw');
    await chat.say('ja');
    await chat.say('Ik voel me vaak alleen');
    await chat.say('Ik kan goed koken');
    await chat.say('Iemand om mee te wandelen');
    expect(await chat.say(followUpTexts.done)).not.toContain(v.invite);
  });

  it('does not invite when "Wat kun je?" names nothing to offer', async () => {
    expect(await lightIntake('weet ik niet, niks eigenlijk')).not.toContain(v.invite);
  });

  it('an intake answer that sounds like the command stays an answer', async () => {
    await consentGiven(chat);
    await chat.say('Ik zit veel alleen thuis en zou graag meer mensen kennen');
    const replies = await chat.say('ik wil iets doen voor de buurt');
    expect(replies).not.toContain(v.intro);
    expect(replies.at(-1)).toBe(texts.intake.nodig);
  });

  it('a resident without a buddy who asks for another hears the coordinator is still looking', async () => {
    await lightIntake('Ik kan goed koken');
    expect(await chat.say('andere buddy')).toEqual([texts.buddy.anotherNone]);
  });
});
