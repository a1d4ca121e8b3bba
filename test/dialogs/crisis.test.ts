import { consentGiven, startConversation, texts as t, type TestConversation } from '../helpers/conversation';

/** A crisis sentence in the middle of the intake, through the real dialogs, triage rules and store. */
describe('crisis in the middle of the intake', () => {
  let chat: TestConversation;
  afterEach(() => chat.close());

  it.each([
    ['suicidal thoughts', 'ik wil er een eind aan maken', t.crisis.helplines.suicide],
    ['domestic violence', 'mijn man slaat me en de kinderen zijn bang', t.crisis.helplines.domestic],
  ])('answers %s with the right numbers at once and marks the case urgent', async (_kind, sentence, helpline) => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say('Ik heb veel schulden');
    const reply = (await chat.say(sentence)).join('\n');
    expect(reply).toContain(t.crisis.intro);
    expect(reply).toContain(helpline);
    expect(reply).toContain('112');
    expect(reply).not.toContain(t.intake.nodig);

    const stored = await chat.stores.cases.findActiveByConversation('test', 'Convo1');
    expect(stored).toMatchObject({ level: 'crisis', urgent: true });
    expect(stored?.status).not.toBe('intake');
    const crisisFlags = stored?.flags.filter((flag) => flag.severity === 'crisis') ?? [];
    expect(crisisFlags.length).toBeGreaterThan(0);
    for (const flag of crisisFlags) expect(sentence.toLowerCase()).toContain(flag.evidence.toLowerCase());
  });

  it.each([
    ['suicidal thoughts', 'ik wil er niet meer zijn, ik heb de pillen klaargelegd', t.crisis.helplines.suicide, [t.crisis.helplines.emergency, t.crisis.helplines.domestic]],
    ['domestic violence', 'mijn man slaat me, de kinderen zijn bang', t.crisis.helplines.domestic, [t.crisis.helplines.suicide]],
    ['direct danger', 'het ruikt hier heel sterk naar gas', t.crisis.helplines.emergency, [t.crisis.helplines.suicide, t.crisis.helplines.domestic]],
  ])('answers %s with one calm message holding only the numbers that fit, once', async (_kind, sentence, fits, others) => {
    chat = startConversation();
    await consentGiven(chat);
    const replies = await chat.say(sentence);
    const crisisMessages = replies.filter((reply) => reply.includes(t.crisis.intro));
    expect(crisisMessages).toHaveLength(1);
    expect(crisisMessages[0]).toContain(fits);
    for (const other of others) expect(replies.join('\n')).not.toContain(other);
    expect(replies.join('\n').split(fits)).toHaveLength(2);
  });

  it('keeps the crisis message itself in the transcript, as evidence for the wijkverbinder', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say('ik zie het niet meer zitten, ik wil dood');
    const stored = await chat.stores.cases.findActiveByConversation('test', 'Convo1');
    expect(stored).toMatchObject({ level: 'crisis', urgent: true });
    const transcript = await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1');
    expect(transcript.items.map((activity) => activity.text)).toContain('ik zie het niet meer zitten, ik wil dood');
  });

  it('does not raise a crisis for a negated or harmless sentence', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say('Ik wil niet dood, ik wil gewoon hulp met mijn post')).toEqual([t.intake.kan]);
    expect((await chat.stores.cases.findActiveByConversation('test', 'Convo1'))?.urgent).toBe(false);
  });
});
