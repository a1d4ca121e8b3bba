import { createTriage } from '../../src/triage';
import { decisionLine } from '../../src/triage/cli';
import type { ModelVerdict, TriageModel } from '../../src/triage/model/model';
import { rulesTriage } from './helpers';

const hintsOf = (text: string) => rulesTriage().hints(text).map((hint) => `${hint.signal}: ${hint.evidence}`);

/** Danger hints: words that make the bot ask "is someone in danger now?", not a level. */
describe('danger hints', () => {
  it.each([
    ['er hangt een vreemde lucht bij de meterkast', 'fire_smoke_smell'],
    ['mn buurman heeft een mes', 'weapon'],
    ['ik sta nu bij de willemsbrug', 'means_or_height'],
    ['my neighbour is not answering and the tv is on all day', 'not_moving'],
    ['het kindje van boven is alleen en huilt', 'child_alone'],
    ['hij duwde me tegen de kast', 'hitting'],
    ['there is blood on the stairs', 'blood_injury'],
    ['mijn borst doet pijn, ik voel het ook in mijn kaak', 'chest_pain'],
  ])('finds a hint in "%s" (%s)', (text, signal) => {
    expect(hintsOf(text).map((hint) => hint.split(':')[0])).toContain(signal);
  });

  it.each([
    'ik moet bloed laten prikken bij de huisarts',
    'er is geen rook, het was de broodrooster',
    'mijn zoon gaat alleen naar school',
    'ik zoek iemand om mee te tennissen, ik sla graag een balletje',
    'de rookmelder piept want de batterij is leeg',
    'ik wil met de trein naar mijn zus',
  ])('finds no hint in a harmless or negated sentence: "%s"', (text) => {
    expect(hintsOf(text)).toEqual([]);
  });

  it('keeps the level as it is and reports the hints, with the words, in the decision and on the command line', () => {
    const decision = rulesTriage().decide(['hoi', 'ik ruik iets raars in de gang']);
    expect(decision.level).toBe('licht');
    expect(decision.hints).toEqual([expect.objectContaining({ signal: 'fire_smoke_smell', evidence: 'ruik iets raars', message: 1, helpline: 'emergency' })]);
    expect(JSON.parse(decisionLine('x', decision)).hints).toEqual([{ signal: 'fire_smoke_smell', evidence: 'ruik iets raars', message: 1 }]);
  });

  it('leaves hints out of a crisis: the crisis reply already gives the numbers', () => {
    expect(rulesTriage().decide(['er is brand in de keuken, er komt overal rook']).hints).toEqual([]);
  });

  describe('a crisis only the model sees, in a question about what to do if', () => {
    // A stand-in for the model that always sees a crisis in the word "ruik"/"ruikt", so the rules' part is what is tested.
    const crisisModel = {
      predict(messages: readonly string[]): ModelVerdict {
        const message = messages.findIndex((text) => /ruik/.test(text));
        const at = message < 0 ? -1 : messages[message].search(/ruik/);
        return {
          scores: { licht: 0, zwaar: 0, crisis: 1 },
          level: 'crisis',
          evidence: at < 0 ? [] : [{ feature: 'w:ruik', weight: 1, message, start: at, end: at + 4 }],
        };
      },
    } as unknown as TriageModel;
    const withModel = createTriage(undefined, { model: crisisModel });

    it('becomes a danger question instead of a crisis, with the words the model weighed most', () => {
      const decision = withModel.decide(['hallo', 'wat moet ik eigenlijk doen als je een vreemde geur ruikt in de flat?']);
      expect(decision.level).not.toBe('crisis');
      expect(decision.flags.map((flag) => flag.signal)).not.toContain('model-crisis');
      expect(decision.hints).toContainEqual(expect.objectContaining({ signal: 'model-crisis', evidence: 'ruik', message: 1, helpline: 'emergency' }));
      // The conversation asks at the message itself.
      expect(withModel.hints('wat moet ik eigenlijk doen als je een vreemde geur ruikt in de flat?', 2)).toContainEqual(
        expect.objectContaining({ signal: 'model-crisis', message: 2 }),
      );
    });

    it('does not raise to zwaar either: a question what to do if is no heavy problem of the writer', () => {
      const heavyModel = {
        predict: (messages: readonly string[]): ModelVerdict => ({
          ...crisisModel.predict(messages),
          level: 'zwaar',
        }),
      } as unknown as TriageModel;
      const decision = createTriage(undefined, { model: heavyModel }).decide(['wat moet ik doen als ik ooit gas ruik?']);
      expect(decision.level).toBe('licht');
      expect(decision.flags.map((flag) => flag.signal)).not.toContain('model-zwaar');
      expect(createTriage(undefined, { model: heavyModel }).decide(['ik ruik iets in de gang']).level).toBe('zwaar');
    });

    it('stays a crisis when nothing in the messages is such a question', () => {
      const decision = withModel.decide(['hallo', 'ik ruik iets in de gang en mijn buurman doet niet open']);
      expect(decision.level).toBe('crisis');
      expect(decision.flags[0]).toEqual(expect.objectContaining({ signal: 'model-crisis', evidence: 'ruik' }));
      expect(withModel.hints('ik ruik iets in de gang').map((hint) => hint.signal)).not.toContain('model-crisis');
    });
  });
});
