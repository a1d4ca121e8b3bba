import { createTriage, Flag } from '../../src/triage';
import { levelOf, signalsOf, triage } from './helpers';

describe('negation', () => {
  it.each([
    ['ik heb geen schulden', 'debts'],
    ['ik heb echt helemaal geen schulden', 'debts'],
    ['geen schulden of zo hoor', 'debts'],
    ['ik ben gelukkig niet meer eenzaam', 'loneliness'],
    ['ik voel me niet eenzaam', 'loneliness'],
    ['ik drink niet', 'substance_use'],
    ['ik drink niet en gebruik niks', 'substance_use'],
    ['ik wil mezelf niks aandoen', 'suicidal'],
    ['ik ga mezelf echt niet iets aandoen', 'suicidal'],
    ['ik wil niet dood', 'suicidal'],
    ['nee ik denk niet aan zelfmoord', 'suicidal'],
    ['hij is niet verward of zo', 'psychosis'],
    ['mijn man slaat me niet', 'domestic_violence'],
    ['de kraan lekt niet meer', 'repairs'],
    ['ik heb nooit gedoe met de politie gehad', 'justice'],
    ['geen deurwaarder meer', 'bailiff_seizure'],
    ["I don't know anyone here... just kidding, I dont drink", 'substance_use'],
  ])('"%s" raises no %s', (text, signal) => {
    expect(signalsOf(text)).not.toContain(signal);
  });

  it('only negates within the clause', () => {
    expect(signalsOf('ik heb geen schulden, maar ik ben wel eenzaam')).toEqual(['loneliness']);
    expect(signalsOf('geen werk en schulden')).toEqual(expect.arrayContaining(['work', 'debts']));
  });

  it('keeps a negation that is part of the signal itself', () => {
    expect(signalsOf('ik zie het niet meer zitten')).toContain('suicidal');
    expect(signalsOf('ik heb geen werk')).toContain('work');
    expect(signalsOf('ik kan het niet meer aan')).toContain('cannot_cope');
  });

  it('ignores look-alike negations ("niet normaal veel")', () => {
    expect(signalsOf('ik heb niet normaal veel schulden')).toContain('debts');
  });

  it('reads "bijna niet" and "haast geen" as barely, which is still so', () => {
    expect(signalsOf('mijn opa kan bijna niet ademen')).toContain('medical_emergency');
    expect(signalsOf('ze krijgt haast geen lucht meer')).toContain('medical_emergency');
    expect(signalsOf('hij eet al weken bijna niks meer')).toContain('self_neglect');
    expect(signalsOf('ik slaap haast niet meer van de zorgen')).toContain('mental_health');
    // Not being able to breathe through the nose is a cold.
    expect(signalsOf('mijn opa kan niet ademen door zijn neus, hij is verkouden')).not.toContain('medical_emergency');
    expect(signalsOf('ze ademt nauwelijks en er komt bloed door haar neus')).toContain('medical_emergency');
  });

  it('knows arrears in the plural', () => {
    expect(signalsOf('we hebben betalingsachterstanden bij twee winkels')).toContain('debts');
  });

  it('reads "niet dat ik ..." as turning around what follows', () => {
    expect(signalsOf('het is niet dat ik dood wil hoor, ik ben gewoon moe')).not.toContain('suicidal');
    expect(signalsOf('ik wil dood')).toContain('suicidal');
  });

  it('treats a resolved or past hazard as gone', () => {
    expect(signalsOf('de gaslucht is al opgelost')).toEqual([]);
    expect(signalsOf('de gaslucht was gisteren, de monteur is geweest')).toEqual([]);
    expect(signalsOf('als dat ooit vlam vat gaat de hele flat')).not.toContain('fire_smoke');
    expect(signalsOf('gisteren rook ik gas en nu ruik ik het nog steeds')).toContain('gas_leak');
    expect(signalsOf('die jongens die me bedreigden zijn verhuisd')).not.toContain('violence');
  });

  it('does not let a negated offer hide a request', () => {
    expect(signalsOf('ik ben niet handig met computers, kan iemand me helpen met mijn telefoon')).toContain('digital_skills');
    expect(signalsOf('ik ben handig met computers en help graag mensen met hun telefoon')).toEqual([]);
  });
});

describe('folding and spelling', () => {
  it.each([
    ['Ik voel me zo EENZAAM', 'loneliness'],
    ['ik ben eenzáám', 'loneliness'],
    ['ik zie het echt nie meer zitten', 'suicidal'],
    ["ik zie 't niet meer zitten", 'suicidal'],
    ['mn vriend slaat me', 'domestic_violence'],
    ["m'n vriend slaat me", 'domestic_violence'],
    ['ze loopt snachts in haar nachthemd op straat', 'dementia'],
    ['ZELFMOORD', 'suicidal'],
    ['i want to kill myself', 'suicidal'],
  ])('"%s" raises %s', (text, signal) => {
    expect(signalsOf(text)).toContain(signal);
  });

  it('tolerates one typo in long words', () => {
    expect(signalsOf('heb een brief van de deurwaader')).toContain('bailiff_seizure');
    expect(signalsOf('stroom wordt afgeslote')).toContain('utility_cutoff');
    expect(signalsOf('ik ben zo eenzam')).toContain('loneliness');
    expect(signalsOf('er liepen kakkerlaken')).toContain('hoarding_vermin');
  });

  it('does not fuzz short words or protected real words', () => {
    expect(signalsOf('het huis is niet verwarmd')).not.toContain('psychosis');
    expect(signalsOf('ik heb goed geslapen')).not.toContain('violence');
  });
});

describe('word boundaries', () => {
  it('does not find gas inside gastvrij or gast', () => {
    expect(signalsOf('ik ben heel gastvrij en ruik lekker')).toEqual([]);
    expect(signalsOf('die gast ruikt naar bier')).not.toContain('gas_leak');
    expect(signalsOf('ik ruik gas')).toEqual(['gas_leak']);
  });

  it('does not take a word for its stem neighbour', () => {
    expect(signalsOf('ik kook graag pannenkoeken')).toEqual([]);
    expect(signalsOf('de kaarsjes branden gezellig')).not.toContain('fire_smoke');
  });
});

describe('phrases with gaps', () => {
  it('allows a few words between phrase words', () => {
    expect(signalsOf('ik wil er gewoon echt niet meer zijn')).toContain('suicidal');
    expect(signalsOf('vanavond maak ik er een eind aan')).toContain('suicidal');
    expect(signalsOf('ze hebben beslag op me loon gelegd')).toContain('bailiff_seizure');
  });

  it('does not stretch a phrase too far or across sentences', () => {
    expect(signalsOf('ik wil niet dat mijn moeder het weet, dood gaat ze niet')).not.toContain('suicidal');
    expect(signalsOf('ik ruik iets raars. gas heb ik niet')).not.toContain('gas_leak');
  });

  it('needs every part of an "a + b" trigger in the same stretch of text', () => {
    expect(signalsOf('de kraan in de badkamer lekt')).toContain('repairs');
    expect(signalsOf('de kraan is nieuw. de tuinstoel is kapot')).not.toContain('repairs');
  });

  it('finds a crisis sentence inside a long message', () => {
    const long =
      'hallo, ik wilde even vragen of iemand kan helpen met de tuin want die is erg verwilderd en ik heb geen tijd. ' +
      'verder gaat het wel, al is het soms zwaar met de kinderen en het werk. '.repeat(20) +
      'eerlijk gezegd wil ik er niet meer zijn. ' +
      'maar goed, de tuin dus.';
    const flags = triage().scan(long, 4);
    const flag = flags.find((f) => f.signal === 'suicidal')!;
    expect(flag).toBeDefined();
    expect(flag.message).toBe(4);
    expect(long.slice(flag.start, flag.end)).toBe('wil ik er niet meer zijn');
  });
});

describe('evidence', () => {
  const check = (messages: string[], signal: string, evidence: string, message: number) => {
    const flag = triage()
      .decide(messages)
      .flags.find((f: Flag) => f.signal === signal)!;
    expect(flag).toBeDefined();
    expect(flag.evidence).toBe(evidence);
    expect(flag.message).toBe(message);
    expect(messages[message].slice(flag.start, flag.end)).toBe(evidence);
  };

  it('is sliced from the original text with its casing and accents', () => {
    check(['hoi', 'Ik Ruik GAS in de gang!!'], 'gas_leak', 'Ruik GAS', 1);
    check(['Ik ben zo EENZÁÁM'], 'loneliness', 'EENZÁÁM', 0);
    check(['goeiemiddag', 'ze Loopt snachts rond in haar nachthemd'], 'dementia', 'Loopt snachts rond', 1);
    check(["ik zie 't echt nie meer zitten"], 'suicidal', "zie 't echt nie meer zitten", 0);
  });

  it('gives one flag per domain of a signal, with severity and helpline', () => {
    const flags = triage().scan('mn vriend slaat me');
    expect(flags.filter((f) => f.signal === 'domestic_violence').map((f) => f.domain)).toEqual([
      'huiselijke relaties',
      'veiligheid',
    ]);
    expect(flags[0]).toMatchObject({ severity: 'crisis', helpline: 'domestic', message: 0 });
  });

  it('names the right helpline per crisis', () => {
    const helpline = (text: string) => triage().scan(text).find((f) => f.severity === 'crisis')?.helpline;
    expect(helpline('ik wil dood')).toBe('suicide');
    expect(helpline('heb me gesneden aan mijn arm')).toBe('suicide');
    expect(helpline('mijn man slaat me')).toBe('domestic');
    expect(helpline('ik ruik gas')).toBe('emergency');
    expect(helpline('mijn vader reageert niet meer en ligt op de grond')).toBe('emergency');
  });
});

describe('offers to help', () => {
  it('do not count the words of the offer as own problems', () => {
    expect(levelOf(['als er ouderen zijn die alleen zijn breng ik graag eten', 'ik kan ook helpen met formulieren invullen'])).toBe('licht');
    expect(triage().decide(['ik doe graag klusjes voor de buren, lampen ophangen enzo']).flags).toEqual([]);
  });

  it('never hide a crisis', () => {
    expect(levelOf('ik help graag de buren maar ik zie het zelf niet meer zitten')).toBe('crisis');
  });
});

it('a fresh triage from explicit rules behaves the same', () => {
  const t = createTriage();
  expect(t.scan('ik ruik gas')).toEqual(triage().scan('ik ruik gas'));
});
