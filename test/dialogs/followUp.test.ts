import { consentGiven, followUpTexts, startConversation, texts as t, type TestConversation } from '../helpers/conversation';

const f = followUpTexts;

/** After a light intake the bot asks once about the domains that often come together. */
describe('the follow-up question at the end of a light intake', () => {
  let chat: TestConversation;
  afterEach(() => chat.close());

  const stored = () => chat.stores.cases.findActiveByConversation('test', 'Convo1');
  const lightIntake = async () => {
    await consentGiven(chat);
    await chat.say('ik wil graag beter leren koken');
    await chat.say('ik kan goed tekenen');
    return chat.say('iemand die het me laat zien');
  };

  it('asks it with the domains to tap and a way to say there is nothing else', async () => {
    chat = startConversation();
    expect(await lightIntake()).toEqual([f.question]);
    expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.title)).toEqual([...f.choices.map((c) => c.label), f.done]);
  });

  it('counts taps and free text: "schulden", "gezondheid" and loneliness make the case zwaar, with that evidence', async () => {
    chat = startConversation();
    await lightIntake();
    const money = f.choices.find((c) => c.domain === 'financiën')!.label;
    const health = f.choices.find((c) => c.domain === 'lichamelijke gezondheid')!.label;
    expect(await chat.say(money)).toEqual([f.more]);
    // A tapped domain is not offered again.
    expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.title)).not.toContain(money);
    expect(await chat.say(health)).toEqual([f.more]);
    expect(await chat.say('en ik ben heel eenzaam, ik zie nooit iemand')).toEqual([f.more]);
    const end = await chat.say(f.done);
    expect(end[0]).toContain(`${money}, ${health}, en ik ben heel eenzaam, ik zie nooit iemand`);
    expect(end).toContain(t.intake.nextStepHeavy);

    const value = await stored();
    expect(value).toMatchObject({ level: 'zwaar', answers: { named: [money, health], meer: 'en ik ben heel eenzaam, ik zie nooit iemand' } });
    expect(value?.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ domain: 'financiën', signal: 'named-by-resident', evidence: money }),
        expect.objectContaining({ domain: 'lichamelijke gezondheid', signal: 'named-by-resident', evidence: health }),
        expect.objectContaining({ domain: 'sociaal netwerk', evidence: expect.stringContaining('eenzaam') }),
      ]),
    );
  });

  it('ends on a plain no and stays light; a no with more words is read as an answer', async () => {
    chat = startConversation();
    await lightIntake();
    expect(await chat.say('nee, maar ik slaap wel slecht')).toEqual([f.more]);
    const end = await chat.say('nee hoor');
    expect(end).toContain(t.intake.nextStepLight);
    expect((await stored())?.answers.meer).toBe('nee, maar ik slaap wel slecht');
  });

  it('is not asked when the answers are already heavy', async () => {
    chat = startConversation();
    await consentGiven(chat);
    await chat.say('de deurwaarder heeft beslag gelegd op mijn loon');
    await chat.say('ik kan goed koken');
    const replies = await chat.say('hulp met geld');
    expect(replies).not.toContain(f.question);
    expect(replies).toContain(t.intake.nextStepHeavy);
  });
});
