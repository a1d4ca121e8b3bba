import { consentGiven, startConversation, texts as t, type TestConversation } from '../helpers/conversation';

const lines = t.intake.empathy;

/** A problem named in the intake gets one short, warm line before the next question; small talk gets none. */
describe('the empathy line in the intake', () => {
  let chat: TestConversation;
  afterEach(() => chat.close());

  it('starts the next question with a line that fits the domain named, without the resident\'s own words', async () => {
    chat = startConversation();
    await consentGiven(chat);
    const kan = await chat.say('Ik heb schulden en de deurwaarder staat voor de deur');
    expect(kan).toEqual([lines['financiën'][0], t.intake.kan]);
    expect(kan[0]).not.toMatch(/deurwaarder|deur/);
    expect(await chat.say('ik heb veel pijn in mijn rug, maar ik kan goed luisteren')).toEqual([lines['lichamelijke gezondheid'][0], t.intake.nodig]);
    // "help" repeats the question only, not the acknowledgement.
    expect(await chat.say('help')).toEqual([t.help.text, t.intake.nodig]);
  });

  it('says nothing extra for small talk or a plain answer', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say('hoi, hoe gaat het')).toEqual([t.intake.kan]);
    expect(await chat.say('ik kan goed koken')).toEqual([t.intake.nodig]);
  });

  it('says nothing extra for a wish that is no burden', async () => {
    chat = startConversation();
    await consentGiven(chat);
    expect(await chat.say('ik wil graag Nederlands leren')).toEqual([t.intake.kan]);
    expect(await chat.say('ik kan wel hulp gebruiken met mijn post')).toEqual([t.intake.nodig]);
  });

  it('never says the same line twice in a conversation, also after starting the intake again', async () => {
    chat = startConversation();
    await consentGiven(chat);
    const heard: string[] = [];
    const acknowledged = ([line, question]: string[], expected: string) => {
      expect(question).toBe(expected);
      heard.push(line);
    };
    acknowledged(await chat.say('Ik heb schulden'), t.intake.kan);
    acknowledged(await chat.say('ik heb ook geldzorgen, veel schulden'), t.intake.nodig);
    await chat.say('opnieuw');
    acknowledged(await chat.say('mijn schulden worden steeds groter'), t.intake.kan);
    expect(heard).toEqual([lines['financiën'][0], lines['financiën'][1], lines.other[0]]);
    expect(new Set(heard).size).toBe(heard.length);
  });
});
