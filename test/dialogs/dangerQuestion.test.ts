import { consentGiven, startConversation, texts as t, type TestConversation } from '../helpers/conversation';

const HINT = 'er hangt een rare lucht in het trappenhuis, kan iemand helpen met mijn post';

/** Words that may mean danger, without a certain crisis signal: the bot asks before anything else. */
describe('the danger question', () => {
  let chat: TestConversation;
  afterEach(() => chat.close());

  const stored = () => chat.stores.cases.findActiveByConversation('test', 'Convo1');

  it('asks at once, with Ja and Nee to tap, instead of going on with the intake', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say(HINT)).toEqual([t.danger.question]);
    expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.title)).toEqual(t.danger.choices);
    // Nothing is decided yet: no crisis before the resident answers.
    expect((await stored())?.urgent).not.toBe(true);
  });

  it.each(['ja', 'Ja', 'jawel'])('takes "%s" as danger now: the crisis reply with 112, and an urgent case with the words as evidence', async (answer) => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say(HINT);
    const reply = (await chat.say(answer)).join('\n');
    expect(reply).toContain(t.crisis.intro);
    expect(reply).toContain(t.crisis.helplines.emergency);
    expect(reply).toContain(t.crisis.escalated);
    expect(reply).not.toContain(t.intake.kan);
    const value = await stored();
    expect(value).toMatchObject({ level: 'crisis', urgent: true });
    expect(value?.flags).toContainEqual(expect.objectContaining({ signal: 'danger-confirmed-fire_smoke_smell', severity: 'crisis', evidence: 'rare lucht' }));
  });

  it('asks about a crisis word told as a joke instead of deciding; "ja" brings the numbers of that kind of danger', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say('als ik die brief nog 1x lees spring ik van de flat haha, kan iemand helpen met mijn post')).toEqual([t.danger.question]);
    const reply = (await chat.say('ja')).join('\n');
    expect(reply).toContain(t.crisis.helplines.suicide);
    expect((await stored())?.flags).toContainEqual(expect.objectContaining({ signal: 'danger-confirmed-suicidal', severity: 'crisis' }));
  });

  it('takes "nee" as no danger, and reads the message written before the question as the answer', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say(HINT);
    expect(await chat.say('nee hoor')).toEqual([t.danger.no, t.intake.kan]);
    const value = await stored();
    expect(value).toMatchObject({ urgent: false, answers: { wil: HINT } });
    // The next answer goes on as usual and is not asked about again.
    expect(await chat.say('ik kan goed koken')).toEqual([t.intake.nodig]);
  });

  it('asks once per conversation: after "nee" a later message with such words goes on without the question', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say(HINT);
    await chat.say('nee');
    expect(await chat.say('er ligt iemand op de grond in de gang, ik kan goed koken')).toEqual([t.intake.nodig]);
    // Starting the intake again is the same conversation: still not asked again.
    await chat.say('opnieuw');
    expect(await chat.say(HINT)).toEqual([t.intake.kan]);
  });

  it('asks once per conversation after an unclear answer too', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say(HINT);
    await chat.say('hoezo');
    await chat.say('weet ik veel');
    expect(await chat.say('er ligt iemand op de grond in de gang')).toEqual([t.intake.nodig]);
  });

  it('asks once more on an unclear answer, then goes on with 112 said once more', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say(HINT);
    expect(await chat.say('hoezo')).toEqual([t.danger.retry]);
    expect(await chat.say('weet ik veel')).toEqual([t.danger.unclear, t.intake.kan]);
    expect((await stored())?.urgent).toBe(false);
  });

  it('does not ask about harmless or negated words', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say('ik moet bloed laten prikken en zoek iemand die meegaat')).toEqual([t.intake.kan]);
    expect(await chat.say('er is geen rook meer, de brandweer is al weg. ik kan goed fietsen maken')).toEqual([t.intake.nodig]);
  });

  it('asks in the greeting too, before consent', async () => {
    chat = startConversation();
    const first = await chat.say('help er ligt iemand op de grond in de gang');
    expect(first).toEqual([t.danger.question]);
    expect((await chat.say('ja')).join('\n')).toContain(t.crisis.helplines.emergency);
  });
});
