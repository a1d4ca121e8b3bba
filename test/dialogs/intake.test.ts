import { consentGiven, followUpTexts, startConversation, texts, type TestConversation } from '../helpers/conversation';

const t = texts;
const privacy = t.greeting.privacy.replace('{retentionDays}', '365');

describe('intake conversation through the real dialogs', () => {
  let chat: TestConversation;
  beforeEach(() => {
    chat = startConversation();
  });
  afterEach(() => chat.close());

  it('greets as a computer, explains what happens with the data, and asks consent with Dutch buttons', async () => {
    expect(await chat.say('hallo')).toEqual([t.greeting.intro, privacy, t.greeting.consentQuestion]);
    expect(privacy).toContain('365 dagen');
    const buttons = chat.lastReplies[2].suggestedActions?.actions.map((action) => action.title);
    expect(buttons).toEqual(['Ja', 'Nee']);
  });

  it('runs the three questions, summarises in the resident\'s own words and stores the case', async () => {
    await chat.say('hoi');
    expect(await chat.say('ja')).toEqual([t.greeting.consentGiven, t.intake.wil]);
    // The problem named gets a short acknowledgement first (see empathy.test.ts).
    expect((await chat.say('Ik zit veel alleen thuis')).at(-1)).toBe(t.intake.kan);
    expect(await chat.say('Ik kan goed koken')).toEqual([t.intake.nodig]);
    // The answers look light, so the bot asks once about the domains that often come together.
    expect(await chat.say('Iemand die met me meedenkt')).toEqual([followUpTexts.question]);
    const replies = await chat.say(followUpTexts.done);
    expect(replies[0]).toContain('"Ik zit veel alleen thuis"');
    expect(replies[0]).toContain('"Ik kan goed koken"');
    expect(replies[0]).toContain('"Iemand die met me meedenkt"');
    expect([t.intake.nextStepLight, t.intake.nextStepHeavy]).toContain(replies[1]);
    expect(replies[2]).toBe(t.intake.keepWriting);

    const stored = await chat.stores.cases.findActiveByConversation('test', 'Convo1');
    expect(stored).toMatchObject({
      status: 'open',
      channel: 'test',
      residentKey: 'test:user1',
      answers: { wil: 'Ik zit veel alleen thuis', kan: 'Ik kan goed koken', nodig: 'Iemand die met me meedenkt' },
    });
    expect(stored?.level).toBeDefined();
    expect(stored?.conversationRef).toMatchObject({ channelId: 'test', conversation: { id: 'Convo1' } });
    const transcript = await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1');
    const logged = transcript.items.map((activity) => activity.text);
    expect(logged).toEqual(expect.arrayContaining(['ja', 'Ik zit veel alleen thuis', t.intake.kan, 'Iemand die met me meedenkt']));
  });

  it.each(['jawel', 'zeker', 'ja hoor', 'Ja', 'ja!'])('understands "%s" as yes, even when the channel says en-US', async (answer) => {
    chat = startConversation({ locale: 'en-US' });
    await chat.say('hallo');
    expect(await chat.say(answer)).toEqual([t.greeting.consentGiven, t.intake.wil]);
  });

  it.each(['nee hoor', 'neen', 'nee', 'Nee.'])('understands "%s" as no and stores nothing beyond the refusal', async (answer) => {
    chat = startConversation({ locale: 'en-US' });
    await chat.say('hallo');
    expect(await chat.say(answer)).toEqual([t.greeting.consentRefused, t.greeting.reachPerson]);
    expect((await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1')).items).toHaveLength(0);
    expect(await chat.stores.cases.listByResident('test:user1')).toHaveLength(0);
    const state = await chat.stores.storage.read(['test/users/user1/']);
    expect(state['test/users/user1/']).toMatchObject({ consent: { given: false } });
    // Only a tally for the figures, by week, of the team that answers for cases nobody took up.
    const refusals = await chat.stores.figures.consentRefusals({ teams: [''], fromWeek: '2000-W01', toWeek: '2100-W01' });
    expect(refusals.map((row) => row.count)).toEqual([1]);
  });

  it('asks again, then offers a person, when the consent answer is not understood', async () => {
    await chat.say('hallo');
    expect(await chat.say('banaan')).toEqual([t.greeting.consentRetry]);
    expect(await chat.say('appel')).toEqual([t.greeting.consentRetryOfferPerson]);
    expect(await chat.say('ja')).toEqual([t.greeting.consentGiven, t.intake.wil]);
  });

  it('follows up gently on an empty or "weet niet" answer, then accepts it and offers a person', async () => {
    await consentGiven(chat);
    expect(await chat.say('weet niet')).toEqual([t.intake.wilFollowUp]);
    expect(await chat.say('ik weet het niet')).toEqual([t.intake.stillUnknown, t.intake.kan]);
    expect(await chat.say('')).toEqual([t.intake.kanFollowUp]);
    expect(await chat.say('Ik kan goed luisteren')).toEqual([t.intake.nodig]);
    const replies = await chat.say('Geen idee');
    expect(replies).toEqual([t.intake.nodigFollowUp]);
    expect(await chat.say('hulp bij mijn post')).toEqual([followUpTexts.question]);
    const end = await chat.say('nee');
    expect(end[0]).toContain(`Wat je wilt: "${t.intake.unknownAnswer}"`);
    expect(end[0]).toContain('"Ik kan goed luisteren"');
  });

  it('hands a request for a person to the case, with consent', async () => {
    await consentGiven(chat);
    await chat.say('Ik zit met een brief van de woningcorporatie');
    const replies = await chat.say('ik wil een mens spreken');
    expect(replies[0]).toBe(t.person.requested);
    expect(replies[1]).toContain(t.handoff.keepWriting);
    const stored = await chat.stores.cases.findActiveByConversation('test', 'Convo1');
    expect(stored).toMatchObject({ askedForPerson: true, status: 'escalated', answers: { wil: 'Ik zit met een brief van de woningcorporatie' } });
  });

  it('gives the phone number instead when a person is asked for before consent', async () => {
    await chat.say('hallo');
    expect(await chat.say('medewerker')).toEqual([t.person.noConsent]);
    expect(await chat.stores.cases.listByResident('test:user1')).toHaveLength(0);
  });

  it('does not take a long answer that mentions "mens" for a request', async () => {
    await consentGiven(chat);
    expect(await chat.say('ik ben ook maar een mens')).toEqual([t.intake.kan]);
  });

  it('restarts on "opnieuw" and keeps the consent', async () => {
    await consentGiven(chat);
    await chat.say('iets met mijn huur');
    expect(await chat.say('opnieuw')).toEqual([t.restart.text, t.intake.wil]);
    expect(await chat.say('Stop')).toEqual([t.restart.text, t.intake.wil]);
  });

  it('explains on "help" and asks the open question again', async () => {
    await consentGiven(chat);
    await chat.say('eenzaam');
    expect(await chat.say('help')).toEqual([t.help.text, t.intake.kan]);
  });

  it('answers a message that is too long politely and keeps the question open', async () => {
    await consentGiven(chat);
    expect(await chat.say('a'.repeat(5000))).toEqual([t.errors.tooLong]);
    expect(await chat.say('kort antwoord')).toEqual([t.intake.kan]);
    // Refused and not stored: the transcript never holds the over-long text.
    const logged = (await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1')).items.map((activity) => activity.text ?? '');
    expect(logged.some((text) => text.length > 4000)).toBe(false);
  });

  it('reads a too-long message whole for danger: a crisis at its end gets the crisis reply, is escalated and kept as evidence', async () => {
    await consentGiven(chat);
    const story = `${'Het gaat al heel lang slecht met alles, elke dag weer. '.repeat(90)}Ik wil niet meer leven.`;
    expect(story.length).toBeGreaterThan(4000);
    const reply = (await chat.say(story)).join('\n');
    expect(reply).toContain(t.crisis.intro);
    expect(reply).toContain(t.crisis.helplines.suicide);
    expect(reply).not.toContain(t.errors.tooLong);
    expect(await chat.stores.cases.findActiveByConversation('test', 'Convo1')).toMatchObject({ level: 'crisis', urgent: true });
    const logged = (await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1')).items.map((activity) => activity.text);
    expect(logged).toContain(story);
  });

  it('keeps HTML typed by a resident as plain text in the case', async () => {
    await consentGiven(chat);
    await chat.say('<script>alert(1)</script>');
    const stored = await chat.stores.cases.findActiveByConversation('test', 'Convo1');
    expect(stored?.answers.wil).toBe('<script>alert(1)</script>');
  });
});
