import type { IntakeCase } from '../../src/cases/case';
import { textsFor } from '../../src/i18n/texts';
import { needsOf, needsScreening, suggestVolunteers } from '../../src/buddies/matching';
import { areaIn, distanceMetres } from '../../src/buddies/area';
import { dayPartsIn, daysIn, languagesIn, talentsIn } from '../../src/buddies/talents';
import { intakeCase, volunteer } from '../storage/fixtures';

const texts = textsFor();

function lightCase(answers: IntakeCase['answers']): IntakeCase {
  return { ...intakeCase({ id: 'c-1', channel: 'webchat', userId: 'r', conversationId: 'g' }), status: 'open', level: 'licht', answers };
}

/** A fixed wijk: who can do what, where, when, in which languages. */
const VOLUNTEERS = [
  volunteer({ id: 'fatma', channel: 'w', userId: '1', name: 'Fatma', talents: ['koken', 'gezelschap'], area: { given: 'Hudsonstraat', postcode: '3022B' }, languages: ['nederlands', 'turks'], days: ['di', 'do'], dayParts: ['middag'], screening: { vog: 'checked' } }),
  volunteer({ id: 'kees', channel: 'w', userId: '2', name: 'Kees', talents: ['klussen'], area: { given: '3021 J', postcode: '3021J' }, languages: ['nederlands'], days: ['za'], dayParts: ['ochtend'] }),
  volunteer({ id: 'ans', channel: 'w', userId: '3', name: 'Ans', talents: ['koken', 'wandelen'], area: { given: '3021 A', postcode: '3021A' }, languages: ['nederlands'], days: ['ma', 'wo', 'vr'], dayParts: ['ochtend'] }),
  volunteer({ id: 'ahmed', channel: 'w', userId: '4', name: 'Ahmed', talents: ['formulieren', 'tolken'], area: { given: 'ergens buiten de wijk' }, languages: ['arabisch', 'nederlands'], days: [], dayParts: [] }),
  volunteer({ id: 'piet', channel: 'w', userId: '5', name: 'Piet', talents: ['koken'], area: { given: 'Hudsonstraat', postcode: '3022B' }, languages: ['turks'], status: 'paused' }),
];

describe('matching volunteers to a light case, with reasons', () => {
  it('reads needs, languages and area from the resident\'s answers, not from what they can do themselves', () => {
    const value = lightCase({ wil: 'Ik eet slecht sinds mijn vrouw weg is, ik spreek vooral Turks', kan: 'Ik kan goed klussen', nodig: 'Iemand die samen met mij kookt. Ik woon aan de Hudsonstraat.' });
    expect(needsOf(value)).toEqual({ talents: ['koken'], languages: ['turks'], postcode: '3022B', screening: true });
  });

  it('puts the volunteer who shares the need, lives close and speaks the language first, and says why', () => {
    const value = lightCase({ wil: 'Ik spreek alleen Turks', nodig: 'Hulp met koken, ik woon in de Hudsonstraat' });
    const suggestions = suggestVolunteers(value, VOLUNTEERS, texts);
    expect(suggestions.map((s) => s.volunteer.name)).toEqual(['Fatma', 'Ans', 'Kees']);
    expect(suggestions[0].reasons.join(texts.buddy.reasons.separator)).toBe("kookt graag · woont 100 m verderop · spreekt Turks · kan dinsdag en donderdag, 's middags");
    expect(suggestions[1].reasons).toEqual(['kookt graag', 'woont 600 m verderop', "kan maandag, woensdag en vrijdag, 's ochtends"]);
    expect(suggestions[0]).toMatchObject({ screened: true, confirmable: true });
    // Koken is help inside the home: an unscreened volunteer is shown but cannot be confirmed.
    expect(suggestions[1]).toMatchObject({ screened: false, confirmable: false });
  });

  it('never suggests a paused or excluded volunteer, and a need outside the home needs no screening', () => {
    const value = lightCase({ nodig: 'Iemand die mijn brieven kan vertalen uit het Arabisch' });
    const suggestions = suggestVolunteers(value, VOLUNTEERS, texts, new Set(['kees']));
    expect(suggestions.map((s) => s.volunteer.id)).not.toContain('piet');
    expect(suggestions.map((s) => s.volunteer.id)).not.toContain('kees');
    expect(suggestions[0].volunteer.name).toBe('Ahmed');
    expect(suggestions[0].reasons).toEqual(['helpt met formulieren en post', 'kan tolken', 'spreekt Arabisch']);
    // Formulieren en post is marked homeVisit (papers and money): screening needed.
    expect(suggestions[0].confirmable).toBe(false);
    expect(needsScreening(['wandelen', 'tolken'])).toBe(false);
    expect(needsScreening([])).toBe(true);
  });

  it('a case that names nothing still gets suggestions, ranked by closeness and availability', () => {
    const value = lightCase({ wil: '🙂🙂🙂', nodig: '<script>alert(1)</script>' });
    const suggestions = suggestVolunteers(value, VOLUNTEERS, texts);
    expect(suggestions).toHaveLength(3);
    expect(suggestions.every((s) => s.confirmable === s.screened)).toBe(true);
  });
});

describe('the words people write, mapped to the list', () => {
  it.each([
    ['Ik help graag met de computer en ik kook', ['computer', 'koken']],
    ['Boodschappen doen, de hond uitlaten', ['boodschappen', 'wandelen']],
    ['KLUSJES!!! en tuinieren', ['klussen']],
    ['Ik kan tolken en vertalen', ['tolken']],
    ['niks', []],
  ])('%s', (text, talents) => {
    expect(talentsIn(text)).toEqual(talents);
  });

  it('reads days, parts of day, languages and areas', () => {
    expect(daysIn('maandag en vrijdag')).toEqual(['ma', 'vr']);
    expect(daysIn('doordeweeks en zondag')).toEqual(['ma', 'di', 'wo', 'do', 'vr', 'zo']);
    expect(dayPartsIn("'s avonds of in de ochtend")).toEqual(['ochtend', 'avond']);
    expect(dayPartsIn('maakt niet uit')).toEqual(['ochtend', 'middag', 'avond']);
    expect(languagesIn('Türkçe en Nederlands, een beetje Engels')).toEqual(['nederlands', 'engels', 'turks']);
    expect(areaIn('Grote Visserijstraat 12')).toMatchObject({ postcode: '3021G' });
    expect(areaIn('3021ab')).toMatchObject({ postcode: '3021A' });
    expect(areaIn('Amsterdam')).toBeUndefined();
    expect(distanceMetres('3021A', '3021A')).toBe(0);
    expect(distanceMetres('3021A', '9999Z')).toBeUndefined();
  });
});
