import { levelOf, rulesTriage, signalsOf, triage } from './helpers';

/** Each case decided by the rules alone: one message, or the answers of a conversation in order. */
function itDecides(cases: [string | string[], string][]): void {
  it.each(cases)('%j -> %s', (messages, expected) => {
    expect(levelOf(messages)).toBe(expected);
  });
}

const level = (text: string) => triage().decide([text]).level;

/** Not decided as a crisis by the rules, and not ignored either: the bot asks the danger question. */
function expectAsked(text: string): void {
  const decision = rulesTriage().decide([text]);
  expect(decision.level).not.toBe('crisis');
  expect(decision.hints.length).toBeGreaterThan(0);
}

/** How the triage (rules and model together) handles the ways people tell things, on sentences written for these tests. */
describe("other people's stories, films and lessons", () => {
  it.each([
    'ik las gisteren een artikel over zelfmoord onder jongeren, heftig. ik zoek zelf een taalcursus',
    'op tv zag ik een docu over huisuitzettingen. ik wil graag helpen in de buurttuin',
    'in de serie die ik kijk wordt iemand neergestoken, haha. kan iemand me helpen met digid',
    'mijn buurvrouw vertelde dat haar neef ooit verslaafd was. ik zoek iemand om mee te wandelen',
  ])('stays licht: "%s"', (text) => {
    expect(level(text)).toBe('licht');
  });

  it('counts what the resident says about themselves in the next clause or sentence', () => {
    expect(rulesTriage().decide(['ik zag een film over zelfmoord. nu wil ik zelf ook dood']).level).toBe('crisis');
    expect(level('ik zag een film over zelfmoord en nu denk ik er zelf ook aan')).toBe('crisis');
  });

  it('a list after "over" belongs to the lesson, but a clause that says more stands alone', () => {
    expect(rulesTriage().decide(['op de opleiding hadden we een workshop over verslaving en huiselijk geweld, ik wil stage lopen']).level).toBe('licht');
    expect(rulesTriage().decide(['ik ben naar een lezing geweest over eenzaamheid en zelfmoord']).level).toBe('licht');
    expect(rulesTriage().decide(['we keken een docu over pesten en ik wil nu zelf dood']).level).toBe('crisis');
  });
});

describe('English and loanwords', () => {
  it.each([
    ['i want to end my life tonight', 'crisis'],
    ['my boyfriend is hitting me right now please help', 'crisis'],
    ['there is smoke coming out of the flat next door and nobody opens', 'crisis'],
    ['i hear voices telling me the neighbours are watching me', 'zwaar'],
    ['the electricity company cut us off last week, we have no power', 'zwaar'],
    ['i used to drink a lot but i have been sober for 6 years, i want to help others', 'licht'],
    ['wallah ik ben er klaar mee, ik spring vanavond van de flat', 'crisis'],
    ['yani ik zit elke dag aan de fles vanaf de ochtend, kan niet meer zonder', 'zwaar'],
    ['mi no sabi wat ik moet doen, geen geld, geen werk, en mn kinderen luisteren niet meer', 'zwaar'],
    ['inshallah vind ik snel werk, verder gaat alles prima', 'licht'],
  ])('"%s" is %s', (text, expected) => {
    expect(level(text)).toBe(expected);
  });
});

describe('tense and hypotheticals', () => {
  it.each([
    'mijn oom had vroeger schulden maar dat is allemaal geregeld. ik wil graag vrijwilliger worden',
    'if i ever lost my job i would be in trouble, but now all is fine. i want to join a choir',
  ])('a past or imagined problem stays licht: "%s"', (text) => {
    expect(level(text)).toBe('licht');
  });
});

describe('what if, and problems already solved', () => {
  const signals = (text: string) => rulesTriage().decide([text]).flags.map((f) => f.signal);

  it('a heavy problem that is only imagined does not count; a danger told as "what if" still does', () => {
    expect(signals('is er hulp in de wijk mocht opa later dement worden?')).not.toContain('dementia');
    expect(signals('stel dat we ooit uit huis gezet worden, waar moeten we dan heen')).not.toContain('eviction');
    expect(signals('mijn vader heeft dementie en vergeet te eten')).toContain('dementia');
    expect(rulesTriage().decide(['wat als ik mezelf iets aandoe vannacht']).level).toBe('crisis');
  });

  it('"maar" opening the next clause can tell that the problem is over', () => {
    expect(signals('er stond een deurwaarder op de stoep, maar dat is allemaal afbetaald')).not.toContain('bailiff_seizure');
    expect(signals('er stond een deurwaarder op de stoep en de buren zijn weg')).toContain('bailiff_seizure');
    expect(signals('er stond een deurwaarder op de stoep. maar de ruzie met mijn zus is opgelost')).toContain('bailiff_seizure');
  });
});

describe('long ago', () => {
  const level = (text: string) => rulesTriage().decide([text]).level;

  it('violence or danger years ago is not acute, unless the same sentence says it is happening now or again', () => {
    expect(level('twintig jaar terug werd mijn oom op straat neergestoken. Nu help ik bij een buurtproject')).not.toBe('crisis');
    expect(level('in 1979 brandde de halve straat af, ik schrijf er een boekje over')).not.toBe('crisis');
    expect(level('in mijn jeugd werd ik geslagen door mijn vader, nu help ik graag anderen')).not.toBe('crisis');
    expect(level('jaren geleden sloeg mijn ex me, en nu staat hij weer voor de deur te schreeuwen')).toBe('crisis');
    expect(level('mijn vader slaat me al jaren')).toBe('crisis');
  });

  it('a suicide attempt long ago still counts: that history is itself the risk', () => {
    expect(level('drie jaar geleden heb ik een zelfmoordpoging gedaan')).toBe('crisis');
  });

  it('a suicide attempt or self-harm told as over, in a message that ends on "it goes well now", makes the bot ask instead', () => {
    expectAsked('vier jaar terug heb ik pillen geslikt om dood te gaan. met de psycholoog gaat het nu goed');
    expectAsked('een tijdje terug wilde ik er niet meer zijn, na de therapie gaat het een stuk beter nu');
    expectAsked('vijf jaar geleden wilde ik niet meer leven, nu gaat het goed, ik lach weer');
    expect(level('vijf jaar geleden wilde ik niet meer leven, nu gaat het goed, maar soms denk ik er weer aan')).toBe('crisis');
    expect(level('drie jaar geleden heb ik een zelfmoordpoging gedaan. het ging goed, maar nu denk ik er weer aan')).toBe('crisis');
    expect(level('vorig jaar wilde ik er niet meer zijn en nu nog steeds')).toBe('crisis');
  });

  it('"weer" brings an old danger back, but does not make yesterday today', () => {
    expect(level('jaren geleden sloeg mijn ex me, en hij staat weer voor de deur te schreeuwen')).toBe('crisis');
    expect(level('gisteren liet mijn moeder de pan weer op het vuur staan tot alles zwart was')).not.toBe('crisis');
  });

  it('a "now" that says it is over does not bring an old danger back', () => {
    expect(level('vorig jaar heeft mijn ex me bedreigd, hij zit nu vast en dat is klaar. nu heb ik zijn schulden')).not.toBe('crisis');
    expect(level('vorig jaar heeft mijn ex me bedreigd en nu staat hij weer voor de deur')).toBe('crisis');
  });

  it('longer ago than "just happened" ends a crisis but not the heavy problem of that time', () => {
    expect(level('vorige maand ben ik op straat beroofd. Ik wil graag een cursus zelfverdediging')).not.toBe('crisis');
    expect(level('gisteren ben ik op straat beroofd')).toBe('crisis');
    expect(level('vorig jaar werd ik bedreigd door een dealer en nu staat hij weer bij mijn deur')).toBe('crisis');
    expect(level('vorig jaar kwam de deurwaarder al, de schuld is er nog')).toBe('zwaar');
    expect(level('vorige maand dacht ik nog aan zelfmoord')).toBe('crisis');
  });

  it('"maar" carries a resolution on through the clauses joined to it by "en"', () => {
    expect(signalsOf('we hadden muizen in de kelder, maar de firma is langs geweest en alles is opgelost')).not.toContain('hoarding_vermin');
    expect(signalsOf('we hebben muizen in de kelder en de verhuurder doet niks')).toContain('hoarding_vermin');
  });

  it('a resolution that is denied ("nog niet opgelost") does not end the problem; one later in the sentence after "maar" does', () => {
    expect(signalsOf('de deurwaarder heeft beslag gelegd maar het is nog steeds niet geregeld')).toContain('bailiff_seizure');
    expect(signalsOf('de deurwaarder kwam langs, maar we hebben een regeling getroffen, alles is inmiddels afbetaald')).not.toContain('bailiff_seizure');
  });

  it('what someone knows about, listed with commas, is knowledge and no problem of their own', () => {
    expect(rulesTriage().decide(['als oud-wijkagent weet ik veel van inbraak, mishandeling, stalking en bedreiging. ik wil graag helpen']).level).toBe('licht');
    expect(rulesTriage().decide(['ik weet veel van computers, maar de deurwaarder staat morgen voor de deur']).level).toBe('zwaar');
  });

  it('a how-to question about hurting oneself is not held back as a question for later', () => {
    expect(rulesTriage().decide(['wat moet je doen als je jezelf snijdt en het niet stopt met bloeden']).level).toBe('crisis');
  });

  it('a dream and a child playing cops and robbers are no danger now', () => {
    expect(rulesTriage().decide(['ik droomde vannacht dat er iemand met een mes in mijn kamer stond, ik slaap slecht']).level).not.toBe('crisis');
    expect(rulesTriage().decide(['de jongens spelen oorlogje op het plein en roepen dat ze elkaar neerschieten']).level).not.toBe('crisis');
    expect(rulesTriage().decide(['mijn zoon speelde oorlogje, toen kwam de buurman met een mes naar buiten en dreigde hem te steken']).level).toBe('crisis');
  });

  it('"maar dat is jaren geleden" points back at the clause before, but "maar vroeger was het erger" does not', () => {
    expect(level('ik heb ooit in elkaar geslagen op straat gelegen, maar dat is wel 25 jaar geleden. nu wil ik graag gaan wandelen')).toBe('licht');
    expect(rulesTriage().decide(['mijn vriend slaat me, maar vroeger was het nog erger']).level).toBe('crisis');
    expect(rulesTriage().decide(['mijn vriend slaat me, maar jaren geleden deed hij dat nooit']).level).toBe('crisis');
  });

  it('a heavy problem longer ago, in a message that ends on "het gaat nu goed", is over; one that is back now is not', () => {
    expect(rulesTriage().decide(['drie jaar geleden had ik een psychose, nu ben ik stabiel en werk ik weer']).level).toBe('licht');
    expect(rulesTriage().decide(['vorig jaar kwam de deurwaarder, nu is alles geregeld']).level).toBe('licht');
    expect(rulesTriage().decide(['hij sloeg me toen. Dat is nu acht jaar geleden en ik woon hier fijn']).level).toBe('licht');
    expect(rulesTriage().decide(['als mijn vader later dement wordt, mag hij dan thuis blijven?']).level).toBe('licht');
    expect(rulesTriage().decide(['drie jaar geleden had ik een psychose, het ging goed maar nu hoor ik weer stemmen']).level).toBe('zwaar');
    expect(rulesTriage().decide(['mijn broer had vorig jaar een psychose, nu gaat het weer goed met hem']).level).toBe('licht');
    expect(rulesTriage().decide(['ik had vorig jaar een psychose en nu hoor ik weer stemmen']).level).toBe('zwaar');
    expect(rulesTriage().decide(['vorige week kwam de deurwaarder voor beslag. verder gaat het goed hoor']).level).toBe('zwaar');
  });

  it('an old danger in a sentence that ends on "het gaat nu goed" is over; one that ends on "nu ... weer" is not', () => {
    expect(rulesTriage().decide(['twaalf jaar geleden ben ik op straat neergestoken, met hulp gaat het nu prima']).level).not.toBe('crisis');
    expect(rulesTriage().decide(['jaren geleden bedreigde hij me, het ging lang goed en nu staat hij weer voor mijn deur']).level).toBe('crisis');
  });

  it('a question what to do if something happens asks about danger now instead of deciding crisis', () => {
    expectAsked('wat moet je eigenlijk doen als je gas ruikt in het trappenhuis?');
    expectAsked('stel dat mijn man me slaat, waar kan ik dan heen?');
    expectAsked('hoe weet je of er koolmonoxide in huis is?');
    expectAsked("mijn kleinzoon roept 'ik maak je dood' tegen zijn vriendjes");
    expectAsked("ons kleinkind roept 'ik vermoord je!' als ze verliest met ganzenbord");
    expect(rulesTriage().decide(['ik ruik gas in het trappenhuis, wat moet ik doen?']).level).toBe('crisis');
    expect(signalsOf('wat gebeurt er als de deurwaarder bij je aanbelt?')).not.toContain('bailiff_seizure');
  });
});

describe('jokes and jobs: the bot asks instead of deciding', () => {
  const decide = (text: string) => rulesTriage().decide([text]);

  it.each([
    'als die buurman nog 1x zijn muziek zo hard zet vermoord ik hem haha. kan iemand bemiddelen?',
    'als ik die rekening zie spring ik van de brug 😂 maar ik zoek eigenlijk een kookcursus',
    'ik werk als verpleegkundige op de eerste hulp en reanimeer bijna elke dienst iemand, ik zoek ontspanning',
  ])('not a crisis, but a danger question: "%s"', (text) => {
    expectAsked(text);
  });

  it.each([
    'ik ben beveiliger in een club in het centrum, elk weekend wel een vechtpartij bij de deur. overdag wil ik iets voor ouderen doen',
    'ambulancebroeder hier. op het werk zie ik genoeg bewusteloze mensen, in mijn vrije tijd wil ik tuinieren',
  ])('a job told as "ik ben …" or "… hier" asks: "%s"', (text) => {
    expectAsked(text);
  });

  it('violence against the writer stays a crisis, whatever their job', () => {
    expect(decide('ik ben verpleegkundige en mijn man slaat me elke avond').level).toBe('crisis');
  });

  it('a laugh in another sentence does not hide the danger', () => {
    expect(decide('haha sorry voor de lange tekst. Mijn vriend slaat me elke avond').level).toBe('crisis');
  });

  it('an emoji counts only where the rule file gives it words', () => {
    expect(decide('als je dat nog 1x doet vermoord ik je 😂').level).not.toBe('crisis');
    expect(decide('als je dat nog 1x doet vermoord ik je 😢').level).toBe('crisis');
  });
});

describe('told inside something else: a court case, a book being written, a case discussed in class', () => {
  const decide = (text: string) => rulesTriage().decide([text]);

  it('a court case about an old crime asks instead of deciding crisis', () => {
    expectAsked('mijn neef moet binnenkort voorkomen voor een steekpartij');
  });

  it.each([
    'ik schrijf een detective over de haven, in hoofdstuk twee wordt een visser vermoord',
    'in de les hebben we een casus gehad van een man met een gokverslaving, schulden en een deurwaarder',
  ])('stays licht: "%s"', (text) => {
    expect(decide(text).level).toBe('licht');
  });

  it('violence against the writer told beside other things stays a crisis', () => {
    expect(decide('vannacht heeft mijn vriend mijn hoofd tegen de muur geslagen. verder wil ik graag naailes').level).toBe('crisis');
  });
});

describe('danger in the words of the street', () => {
  it.each([
    ['k zie ut nie meer zitten, mot niemand me meer zien', 'crisis'],
    ['ze wachten bij de lift met een blaffer op mijn neef', 'crisis'],
    ['die gasten zeggen dat ze mijn zoon gaan neerschieten', 'crisis'],
    ['weet iemand hoe je stopt als je jezelf snijdt? ik doe het bijna elke dag', 'crisis'],
    ['de houtkachel walmt de hele kamer vol en de baby hoest', 'crisis'],
    ['onze dochter van 13 is sinds vannacht nergens te vinden, vermist', 'crisis'],
    ['mijn vriend en zijn broer slaan mij als ik iets zeg', 'crisis'],
    ['hij vermoordt me als hij hoort dat ik hier schrijf', 'crisis'],
    ['mijn chef vermoordt me als ik weer te laat ben lol. wie kan mijn zoon naar de opvang brengen?', 'licht'],
    ['mijn zoon is zijn fietssleutel kwijt, heeft iemand een kniptang', 'licht'],
    ['ik schrijf een scriptie over huiselijk geweld en wil vrijwilliger worden', 'licht'],
    ['waar kan ik een reanimatiecursus volgen met mijn buren?', 'licht'],
  ])('"%s" is %s', (text, expected) => {
    expect(rulesTriage().decide([text]).level).toBe(expected);
  });
});

describe('danger and heavy signals told without the usual words', () => {
  it.each([
    ['sinds een uur drukt er iets op mijn borst en ik zweet', 'crisis'],
    ['ik heb de gaskraan opengedraaid en alle ramen dicht gedaan', 'crisis'],
    ['de hele nacht naar het touw op de zoldertrap zitten kijken', 'crisis'],
    ['mijn stiefvader sluit mijn zusje van 5 op in de kelder als ze huilt', 'crisis'],
    ['ze zeggen dat ze me komen halen om het geld van mijn broer', 'crisis'],
    ['ik kras weer elke avond, niemand weet het', 'crisis'],
    ['in de muur praten mensen over mij, ook als ik slaap', 'zwaar'],
    ['tramadol van de dokter, maar ik haal het nu bij verschillende apotheken', 'zwaar'],
    ['wij laden 8 scooteraccus op in de slaapkamer voor de bezorging', 'zwaar'],
    ['ik kras een kraslot bij de tabakszaak, verder gaat alles goed', 'licht'],
    ['ik zet mijn fietsaccu in de gang aan de lader', 'licht'],
    ['ik wil weten hoe diep je je pols moet doorsnijden', 'crisis'],
    ['opeens is de linkerkant van mijn gezicht gevoelloos', 'crisis'],
    ['mijn man ziet vanochtend ineens alles dubbel', 'crisis'],
    ['hoeveel paracetamol heb je nodig om dood te gaan', 'crisis'],
    ['vorige week wilde ik er niet meer zijn', 'crisis'],
    ['soms weet ik niet meer wat echt is en wat droom', 'zwaar'],
    ['de bovenburen bestralen mij door het plafond', 'zwaar'],
    ['de rechter zegt dat ik eerst van de drugs af moet', 'zwaar'],
    ['mijn vrouw is ernstig ziek, ik ben mijn baan kwijt en we lopen achter met de huur', 'zwaar'],
    ['ik zie al jaren dubbel door mijn oog', 'licht'],
    ['voor mijn opleiding loop ik stage over preventie van kindermishandeling', 'licht'],
    ['al twee winters zitten we zonder verwarming', 'zwaar'],
    ['er staat een peuter alleen bij de lift op de galerij', 'crisis'],
    ['onze baby slaapt in de gang, de slaapkamer is te klein', 'licht'],
    ['de man van nummer 8 zegt dat wij hem bestralen met onze router', 'zwaar'],
    ['niet meer hier zijn', 'crisis'],
    ['ik zit elke nacht tot 4 uur in het online casino', 'zwaar'],
    ['mijn dochter zegt in haar spelletje dat ze me gaat vermoorden', 'licht'],
    ['mijn neef roept bij fortnite altijd dat hij iedereen gaat vermoorden', 'licht'],
    ['ik heb een belastingschuld en twee boetes van het cjib', 'zwaar'],
    ['de toeslag moet terug en de energierekening is niet betaald', 'zwaar'],
    ['ik heb een huurachterstand want ik heb de huur niet betaald', 'licht'],
    ['hij heeft mijn sleutels afgepakt en ik mag niet naar buiten', 'crisis'],
    ['ik wil alleen dat hij stopt met slaan', 'crisis'],
    ['mijn opa loopt s nachts naar buiten om oma te zoeken', 'zwaar'],
    ['mijn man wil geen hulp vragen, dus ik vraag het maar', 'licht'],
    ['mijn man zit in de ww, mijn dochter heeft adhd en ik ben net geopereerd', 'zwaar'],
    ['ik ben goed in administratie en wil graag iets doen', 'licht'],
    ['ik denk steeds aan ophangen op zolder', 'crisis'],
    ['kan iemand mijn gordijnen ophangen', 'licht'],
    ['mijn dochter kwam thuis met een blauw oog en een brandwond', 'crisis'],
    ['mijn broer heeft een stoel naar me gegooid', 'crisis'],
    ['hij zei dat hij mijn arm breekt als ik niet betaal', 'crisis'],
    ['een meeuw valt me steeds aan als ik op het balkon zit', 'licht'],
    ['ik lees mijn kleinkinderen voor met stemmetjes', 'licht'],
    ['ik ben verslaafd aan sudoku haha', 'licht'],
    ['het vonnis is er, ik moet er in maart uit', 'zwaar'],
    ['knie kapot, geen maten meer, geen geld', 'zwaar'],
    ['Daarin slaat de man zijn vrouw, ik kijk elke aflevering', 'licht'],
    ['mijn vader is al drie dagen niet thuisgekomen en ik pas op mijn broertjes', 'crisis'],
    ['ik vergok elke maand mijn hele loon', 'zwaar'],
    ['ik heb 6 leningen lopen', 'zwaar'],
    ['vriendin weg, baan weg, en de huur kan ik niet meer betalen', 'zwaar'],
    ['📉 geld 📉 werk 📉 mentaal', 'zwaar'],
    ['wie gaat er mee naar suicide squad in de bios', 'licht'],
    ['we zijn allebei zo misselijk en suf sinds vanochtend', 'crisis'],
    ['niemand zal het merken als ik er niet meer ben', 'crisis'],
    ['hij komt niet meer zelf uit bed, zijn vrouw is opgenomen en er zijn schulden', 'zwaar'],
    ['mijn oom heeft darmkanker, zit zonder werk en zijn huur is achter', 'zwaar'],
    ['ik dacht dat ik een burn-out had, maar het was bloedarmoede en dat is opgelost', 'licht'],
    ['gisteren gooide mijn vriend me tegen de muur, ik heb een blauwe plek', 'crisis'],
    ['hij zei aan de deur: ik weet waar je dochter op school zit', 'crisis'],
    ['mijn ex is dronken weggereden met mijn dochtertje achterin', 'crisis'],
    ['ik overweeg elke dag om van de Willemsbrug te springen', 'crisis'],
    ['Wat ik wil? Er niet meer zijn.', 'crisis'],
    ['ze zijn beter af met mijn levensverzekering dan met mij', 'crisis'],
    ['been thinking about ending it, I have no one left', 'crisis'],
    ['een bankje voor de buren die er niet meer zijn', 'licht'],
    ['ik maak me zorgen wat er met hem gebeurt als wij er niet meer zijn', 'licht'],
    ['ik hoor een stem die mijn naam roept als er niemand is', 'zwaar'],
    ['ik gebruik om mijn diensten vol te houden', 'zwaar'],
    ['drie flessen wijn per dag, soms meer', 'zwaar'],
    ['de gang is niet meer door te komen, de badkamer is opslag', 'zwaar'],
    ['sinds de brand van vorig jaar ben ik bang voor brand, kan iemand mijn rookmelder testen', 'licht'],
    ['ik sie het echt nie meer sitte', 'crisis'],
    ['laatst stond het gas nog aan toen ik thuiskwam', 'zwaar'],
    ['ik zit alleen, kan haast niet meer lopen en mijn toeslag wordt niet uitbetaald', 'zwaar'],
    ['ik was me niet meer en wil niemand over de vloer', 'zwaar'],
    ['er wonen mannen in mijn muur die de hele nacht praten', 'zwaar'],
    ['morgen komt er rook uit de school, maar dat is een oefening van de brandweer', 'licht'],
    ['voor mijn opleiding moet ik weten welk nummer je geeft bij zelfmoordgedachten', 'licht'],
    ['dood', 'crisis'],
    ['mijn hamster is dood', 'licht'],
    ['hij heeft zijn pillen opgespaard en wil afscheid nemen', 'crisis'],
    ['ik heb een brief voor mijn moeder geschreven voor als ik er niet meer ben, het duurt niet lang meer', 'crisis'],
    ['ik heb gisteren op de brug gestaan en naar beneden gekeken', 'crisis'],
    ['de stemmen zijn s nachts het ergst', 'zwaar'],
    ['alcoholafhankelijk, net ontslagen, relatie verbroken', 'zwaar'],
    ['heeft onze flat een vluchtplan bij brand?', 'licht'],
    ['waar koop ik een koolmonoxidemelder?', 'licht'],
    ['is het gevaarlijk om kaarsjes bij de gordijnen te zetten?', 'licht'],
    ['welk nummer geef ik aan iemand met zelfmoordgedachten?', 'licht'],
    // Round 34: an own end set at a coming moment, a last message, blows today, a small child on a
    // balcony edge or out at night, sugar disease gone wrong.
    ['na het weekend besta ik niet meer, regel jij de kat?', 'crisis'],
    ['ik leef niet meer zoals vroeger sinds mijn pensioen', 'licht'],
    ['sorry dat ik stoor, dit wordt mijn laatste berichtje aan jullie', 'crisis'],
    ['hij heeft me vanochtend alweer een klap gegeven waar de kinderen bij waren', 'crisis'],
    ['mijn neus bloedt en mijn oog is blauw, hij is nu boven', 'crisis'],
    ['het jongetje van boven hangt over de balkonreling en er is niemand thuis', 'crisis'],
    ['drie kleuters op blote voeten op de galerij midden in de nacht, de ouders doen niet open', 'crisis'],
    ['mijn tante heeft diabetes en is ineens verward en zwetend, ze reageert raar', 'crisis'],
    ['mijn moeder heeft suikerziekte en moet leren spuiten, wie helpt haar?', 'licht'],
    // Round 35: out for a moment after a blow, then vomiting or lost in time; cutting right now;
    // smoke from a stove that is meant to smoke; a farewell letter to colleagues; reading the news; a job for later.
    ['oma gleed uit in de douche en was een paar tellen buiten westen. nu blijft ze braken', 'crisis'],
    ['hij kreeg een bal tegen zijn hoofd en is kort weggeweest, hij weet niet waar hij is', 'crisis'],
    ['mijn vader weet niet welke dag het is, hij is dementerend', 'zwaar'],
    ['ik zit nu weer aan het krassen, het stopt niet', 'crisis'],
    ['ik ben uien aan het snijden voor de soep, hoe laat begint de kookclub?', 'licht'],
    ['er komt elke avond rook uit de houtkachel van de overburen, mag dat?', 'licht'],
    ['ik maak een afscheidsvideo voor mijn team want ik ga naar een nieuwe baan', 'licht'],
    ['ik las over een overval bij de supermarkt en nu ben ik wat schrikkerig', 'licht'],
    ['mijn dochter wil later bij de politie werken, waar kan ze snuffelstage lopen?', 'licht'],
    // Round 36: scratching again, cut wrists in English, a child afraid to go home tonight; "niemand
    // wordt bedreigd" said to rule violence out; a phone that "explodes" with messages; years in the
    // police; a game's trash talk.
    ['ik heb vannacht opnieuw gekrast, het is dieper dan anders', 'crisis'],
    ['my brother is cutting himself in the bathroom right now', 'crisis'],
    ['mijn nichtje van 10 durft vannacht niet naar huis, haar stiefvader is dronken', 'crisis'],
    ['er is ruzie in de flat maar niemand wordt geslagen, wel veel geschreeuw', 'licht'],
    ['mijn telefoon ontploft van de appjes van de klassenouders, kan dat anders?', 'licht'],
    ['na twintig jaar bij de brandweer wil ik iets rustigs doen, kan ik helpen bij de voedselbank?', 'licht'],
    ['mijn zoon roept "ik schiet je kapot" als hij Call of Duty speelt, hoe lang mag hij gamen?', 'licht'],
    // Round 37: what someone sees, hears or smells. A neighbour unseen for days with post piling up,
    // burners open without a flame, a fight and then a bang, a drugged drink, "het rookt", rambling and
    // dozing off; and the harmless twins: snoring pauses, a smoke alarm set off by cooking, an old
    // robbery now well, screams that were a party, living near the water.
    ['mevrouw van drie hoog is al vijf dagen niet gezien en haar brievenbus puilt uit', 'crisis'],
    ['ze heeft de kookpitten opengezet en niet aangestoken, het hele huis ruikt', 'crisis'],
    ['boven was geschreeuw en ruzie en toen een harde knal als een schot', 'crisis'],
    ['iemand heeft iets in mijn drankje gedaan, ik word heel duizelig', 'crisis'],
    ['achter de schuur rookt het al, er is niemand', 'crisis'],
    ['in de schuur achter het huis, het rookt en er komt een vlammetje', 'crisis'],
    ['opa praat verward en valt steeds weg in zijn stoel', 'crisis'],
    ['mijn man snurkt en stopt soms met ademen, de huisarts zegt slaapapneu', 'licht'],
    ['het brandalarm in de gang gaat af als iemand aan het koken is, wie regelt dat?', 'licht'],
    ['drie jaar geleden is er ingebroken, nu gaat alles prima en wil ik de buurtapp beheren', 'licht'],
    ['ik hoorde gegil maar het was het kinderfeestje van de overburen', 'licht'],
    ['we wonen vlak bij het water, waar kan mijn dochter zwemles krijgen?', 'licht'],
    // Round 38: spots that stay under a glass, fever with a stiff neck, swelling with breathlessness,
    // someone sitting on the rails, a head knock with drowsiness, suddenly blind in one eye, someone hanging.
    ['mijn baby heeft koorts en paarse vlekjes die niet verdwijnen als ik erop druk met een glas', 'crisis'],
    ['hij heeft hoge koorts en een stijve nek, hij wil niet dat het licht aan is', 'crisis'],
    ['haar lippen zwellen op na de pinda, en ze krijgt geen lucht', 'crisis'],
    ['ik heb een dikke keel van de verkoudheid, welke thee helpt?', 'licht'],
    ['bij de halte ligt een vrouw op de rails en ze wil niet weg', 'crisis'],
    ['mijn zoon is met zijn hoofd op de stoeprand gesmakt en valt steeds in slaap', 'crisis'],
    ['sinds vannacht zie ik niets meer met mijn rechteroog', 'crisis'],
    ['mijn oom hangt in de schuur, ik krijg hem niet los', 'crisis'],
  ])('"%s" is %s', (text, expected) => {
    expect(rulesTriage().decide([text]).level).toBe(expected);
  });
});

describe('figures of speech and questions about "what if"', () => {
  it.each([
    'die printer vermoordt dat apparaat me nog, wie kan er naar kijken',
    'als mijn vader hoort dat ik weer te laat ben vermoordt hij me. maar goed, ik zoek een bijbaantje',
    'het onweer klonk als schoten vannacht, mijn hond was bang. is er een hondenuitlaatservice?',
    'op school leren we over kindermishandeling en verslaving, ik zoek een stageplek',
  ])('the rules keep it licht: "%s"', (text) => {
    expect(rulesTriage().decide([text]).level).toBe('licht');
  });

  it('a threat to kill stays a crisis when a phone or a parent is in the same sentence', () => {
    expect(rulesTriage().decide(['hij zei dat zijn vader hem met de riem sloeg en dat hij meer krijgt als hij thuiskomt']).level).toBe('crisis');
    expect(rulesTriage().decide(['hij heeft mijn telefoon afgepakt en zegt dat hij me vermoordt als ik ga']).level).toBe('crisis');
    expect(rulesTriage().decide(['mijn vader zegt dat hij me vermoordt en hij heeft een mes']).level).toBe('crisis');
  });

  it('"als ... zou" asks instead of deciding a crisis, but not for hurting oneself', () => {
    expectAsked('als mijn zus door haar man geslagen zou worden, waar zou ze dan heen kunnen?');
    expect(rulesTriage().decide(['als ik nu zou springen is het voorbij']).level).toBe('crisis');
  });

  it('self-harm told with a laugh is still self-harm', () => {
    expect(rulesTriage().decide(['lol ik heb gister weer gekrast op mijn arm, whatever']).level).toBe('crisis');
  });
});

/** Expected where the bot may ask or decide zwaar or licht, as long as it decides no crisis. */
const NOT_CRISIS = 'not crisis';

describe('the rules alone, on ways of telling things', () => {
  it.each([
    ['an age is no time: a grandfather of 90 who fell and does not answer', 'mijn opa van 90 is gevallen en reageert niet meer', 'crisis'],
    ['an aside in brackets stays part of its clause', 'de twee kinderen van hiernaast (4 en 6) zijn al sinds gisteravond alleen thuis', 'crisis'],
    ['"sinds" keeps a past moment going', 'wij hebben sinds vorige week geen woning meer en slapen bij vrienden', 'zwaar'],
    ['homeless in the old days is over', 'ik was vroeger dakloos, nu heb ik een flatje en wil ik iets terugdoen', 'licht'],
    ['a question someone else asked, then denied, asks instead of a crisis', 'mijn dokter vroeg of ik aan zelfmoord dacht, nee hoor, ik wil alleen een wandelclub', NOT_CRISIS],
    ['anger that "explodes" is no fire', 'ik ontplof soms tegen mijn man, zo moe ben ik', NOT_CRISIS],
    ['smelling something with dizziness is a gas danger without the word', 'ik ruik al de hele ochtend een rare lucht en ik word er duizelig van', 'crisis'],
    ['violence now, in English', 'my sister just called, her husband is beating her now and she is crying', 'crisis'],
    ['wanting company is no wish to die', 'ik wil niet meer alleen zijn, is er een koffieochtend?', NOT_CRISIS],
    ['a smoke alarm taken down is a hazard, not a fire', 'de buurman heeft zijn rookmelder eraf gehaald omdat die steeds afging', 'zwaar'],
    ['a cut played down that keeps bleeding', 'stelt niks voor maar ik heb met een mesje wat gedaan op mijn arm en het bloedt maar door', 'crisis'],
    ['a limp baby with fever', 'ons kindje van 5 weken is zo slap en heeft koorts van 39', 'crisis'],
    ['a cat that kills a bird is no violence', 'onze poes heeft een vogeltje doodgebeten, wat zielig', 'licht'],
    ['a child who shouts at a cuddly toy is no violence', 'mijn zoontje roept tegen zijn knuffel dat hij hem gaat afmaken, waar haalt hij het vandaan', NOT_CRISIS],
    ['an arm that suddenly does nothing is a stroke', 'mijn vader zijn linkerarm doet ineens niks meer en hij praat raar', 'crisis'],
    ['"sinds zijn beroerte" is no emergency', 'sinds zijn beroerte doet zijn linkerarm niks meer, wie helpt met boodschappen', NOT_CRISIS],
    ['"collega" is no typo for "college"; an acquaintance\'s past problem is a story', 'mijn kennis heeft een gokverslaving gehad en vertelt daar nu over op scholen', 'licht'],
    ['standing on a roof, said plainly', 'ik zit nu op het dak van ons gebouw en het waait hard', 'crisis'],
    ['no longer being there next month, said as a plan', 'komende maand ben ik er niet meer, dat weet ik zeker', 'crisis'],
    ['batter for baking is no seizure by a bailiff', 'wie heeft een recept, mijn beslag voor de wafels wordt steeds te dun', 'licht'],
    ['a building evacuated in a drill is no eviction', 'bij de oefening van de brandweer werd ons kantoor in vijf minuten ontruimd', 'licht'],
    ['a partner who left with the children is a broken relationship, no child in danger', 'mijn man is vertrokken met de kinderen naar zijn moeder in Breda', NOT_CRISIS],
    ['a bailiff in the old days, debt-free now', 'jaren terug kwam de deurwaarder elke maand, maar nu ben ik schuldenvrij', 'licht'],
    ['the washing-up that stays, no sleep, no food: three domains', 'sinds de scheiding eet ik nauwelijks, slaap ik slecht en de afwas blijft gewoon staan', 'zwaar'],
    ['beaten long ago and safe now is over', 'mijn ex sloeg me vroeger, nu woon ik ergens anders en ben ik eindelijk veilig', 'licht'],
    ['news heard about a shooting is a story', 'hebben jullie gehoord over die schietpartij bij het station?', 'licht'],
    ['"ik ben er ... niet meer" with a moment ahead', 'overmorgen ben ik er echt niet meer, ik heb het besloten', 'crisis'],
    ['feeling safe again closes a threat of last month', 'vorige maand bedreigde mijn ex me nog, nu zit hij vast en voel ik me weer veilig', 'licht'],
    ['a fire that ended well is over', 'vanochtend sloeg de vlam in de meterkast maar het is goed afgelopen, wie controleert de bedrading', NOT_CRISIS],
    ['the CJIB threatening with civil imprisonment is no hostage-taking', 'het CJIB dreigt nu met gijzeling omdat ik mijn verkeersboetes niet kan betalen', NOT_CRISIS],
    ['held hostage is violence', 'ze hebben mijn broer gegijzeld en willen geld', 'crisis'],
    ['a relative who is a bailiff by trade', 'mijn zwager is deurwaarder, hij wil wel eens uitleg geven in het buurthuis', 'licht'],
    ['a question about consequences is no eviction', 'stel ik betaal een keer later, kan ik dan uit mijn huis gezet worden?', 'licht'],
    ['a landlord threatening to put someone out is an eviction, no violence', 'de verhuurder dreigde gisteren dat hij ons uit huis laat zetten', 'zwaar'],
    ['kicking at the door someone hides behind is violence now', 'mijn ex schopt tegen de badkamerdeur, ik heb me opgesloten met de baby', 'crisis'],
    ['a bailiff\'s letter for whoever lived here before', 'er komen steeds brieven van een deurwaarder voor de vorige huurder, wat doe ik daarmee?', 'licht'],
    ['gaming until late at night is no addiction by itself', 'mijn dochter zit tot laat s nachts te gamen, hoe doen andere ouders dat', 'licht'],
    ['living safely now closes violence of years ago', 'vijf jaar terug ben ik weggegaan bij een man die me sloeg, nu woon ik veilig met mijn kinderen', 'licht'],
    ['a decision with a moment is a plan', 'ik heb besloten dat ik het zaterdag doe, niemand kan me tegenhouden', 'crisis'],
    ['a decision about a removal is none', 'de woningbouw heeft besloten dat de renovatie zaterdag gebeurt', 'licht'],
    ['walking into the water now', 'ik loop vanavond de maas in, zeg maar tegen mijn zus dat ik van haar hou', 'crisis'],
    ['sitting on the tracks', 'ik lig nu op de rails achter het station', 'crisis'],
    ['apologising to everyone as a farewell', 'heb vandaag al mijn vrienden sorry gestuurd voor wat ik ze heb aangedaan', 'crisis'],
    ['voices telling the writer to drown', 'de stem zegt dat ik mezelf moet verdrinken in het bad', 'crisis'],
    ['a woman heard crying for help in Turkish', 'boven ons gilt een vrouw steeds imdat', 'crisis'],
    ['a novel read in a reading club is a story', 'we lezen in de leesclub een roman over een moord en zelfmoord, wie doet mee?', 'licht'],
    ['idioms learnt in class are words', 'bij taalles leerden we gezegdes zoals ik zie het niet meer zitten, wat betekent dat precies', 'licht'],
    ['voices that are back, waved away, are still heavy', 'de stemmen zijn terug maar daar kan ik mee leven', 'zwaar'],
    ['lost in the paperwork is an idiom', 'ik ben de weg kwijt in de formulieren van de gemeente', NOT_CRISIS],
    ['things done at night that a child does not want', 'mijn oom komt stiekem op mijn kamer en doet dingen die ik niet wil', 'crisis'],
  ])('%s', (_what, text, expected) => {
    const decided = rulesTriage().decide([text]).level;
    if (expected === NOT_CRISIS) expect(decided).not.toBe('crisis');
    else expect(decided).toBe(expected);
  });

  describe('a danger of the moment that the message calls dealt with: the bot asks', () => {
    it.each([
      'er was brand in de meterkast, de brandweer heeft alles gecontroleerd en het is weer veilig',
      'ik rook vanmiddag gas bij de meter, de monteur heeft de leiding gerepareerd',
    ])('"%s" is no crisis but a danger question', (text) => {
      const decision = rulesTriage().decide([text]);
      expect(decision.level).not.toBe('crisis');
      expect(decision.hints.length).toBeGreaterThan(0);
    });

    it.each([
      // safe oneself says nothing about the gas that is still there
      'ik ruik gas in de hal, ik ben nu veilig buiten',
      // going well with oneself is no repair
      'er hangt gaslucht in het trappenhuis. verder gaat het goed met me',
      // still now, in the signal's own clause
      'de brandweer is geweest, maar nu ruik ik weer gas, het is opgelost zeiden ze',
    ])('"%s" stays a crisis', (text) => {
      expect(rulesTriage().decide([text]).level).toBe('crisis');
    });
  });

  describe('an old danger whose good turn comes as the next answer', () => {
    it('asks instead of deciding crisis', () => {
      const decision = rulesTriage().decide(['drie jaar terug deed ik een zelfmoordpoging', 'inmiddels gaat het een stuk beter, ik heb een baan']);
      expect(decision.level).not.toBe('crisis');
      expect(decision.hints.map((hint) => hint.signal)).toContain('suicidal');
    });

    it.each([
      [['drie jaar terug deed ik een zelfmoordpoging', 'het ging een tijd beter, maar sinds kort denk ik er weer aan']],
      [['vorige week deed ik een zelfmoordpoging', 'inmiddels gaat het een stuk beter']],
      [['drie jaar terug deed ik een zelfmoordpoging en nu wil ik het weer', 'inmiddels gaat het een stuk beter']],
    ])('stays a crisis when it is not over: %j', (messages) => {
      expect(rulesTriage().decide(messages).level).toBe('crisis');
    });
  });

  it('a resolution in the next sentence counts when that sentence points back', () => {
    expect(rulesTriage().decide(['Jaren terug wilde ik er niet meer zijn. Dat is allang voorbij.']).level).not.toBe('crisis');
    // a sentence that does not point back says nothing about the danger before it
    expect(rulesTriage().decide(['Vorig jaar wilde ik er niet meer zijn. Mijn vriend is weg.']).level).toBe('crisis');
  });

  it('debts to several creditors, named in separate answers, add up to a severe signal', () => {
    const decision = rulesTriage().decide(['ik heb nog een studieschuld bij DUO', 'ik kan goed koken', 'en de energierekening is al een paar keer niet betaald']);
    expect(decision.level).toBe('zwaar');
    const several = decision.flags.find((flag) => flag.signal === 'debts_several');
    expect(several?.message).toBe(0);
    // one creditor named twice is still one
    expect(rulesTriage().decide(['een studieschuld bij DUO', 'die studieschuld loopt nog']).level).toBe('licht');
  });

  it('a helpline asked for other people asks instead of deciding', () => {
    const decision = rulesTriage().decide(['welk is het telefoonnummer voor jongeren met suïcidale gedachten? het is voor de folder van de sportclub']);
    expect(decision.level).not.toBe('crisis');
    expect(decision.hints.map((hint) => hint.signal)).toContain('suicidal');
  });

  it('a life sunk into drugs is addiction, not someone losing consciousness', () => {
    const decision = rulesTriage().decide(['mijn neef is helemaal weggezakt in de drugs en komt nergens meer']);
    expect(decision.level).toBe('zwaar');
    expect(decision.flags.map((flag) => flag.signal)).toContain('addiction');
  });
});

describe('round 39: arrangements, pills at a set moment, gas pipes, babies who labour to breathe, carbon monoxide', () => {
  itDecides([
    // a whole supply at a moment already chosen
    ['morgenvroeg slik ik ze allemaal, de strips liggen al klaar', 'crisis'],
    ['straks neem ik die allemaal tegelijk in met een glas water', 'crisis'],
    ['vanavond neem ik mijn tabletten allemaal in zoals de apotheek het zei', 'licht'],
    ['mag je de vitamines allemaal tegelijk innemen bij het ontbijt?', 'licht'],
    // a gas pipe hit or gas heard escaping
    ['bij het boren in de gevel hebben ze de gasbuis geraakt', 'crisis'],
    ['uit de gasmeter komt een sissend geluid en het blaast', 'crisis'],
    ['de gasleiding is vorig jaar vervangen en alles is gekeurd', 'licht'],
    // babies who labour to breathe
    ['ons meisje van zes weken knort bij iedere ademteug', 'crisis'],
    ['bij mijn zoontje trekken de ribbetjes naar binnen als hij ademt', 'crisis'],
    ['my son is grunting with every breath since this morning', 'crisis'],
    // a gas tap made safe is no leak now
    ['opa draaide de gaskraan steeds open, dus de knoppen zijn eraf gehaald', 'licht'],
    ['de gaskraan stond open maar mijn zoon heeft hem meteen dichtgedraaid', 'licht'],
    // "rook" as the past of ruiken
    ['hij kwam thuis en rook naar bier', 'licht'],
    // reading news, a school paper, a question about the bot
    ['vanmorgen las ik dat er een woning is ontruimd in de straat hiernaast', 'licht'],
    ['voor school schrijf ik een profielwerkstuk over armoede en schulden', 'licht'],
  ]);

  itDecides([
    // two kinds of arranging for an end that is fixed: two signs are needed
    [['mijn testament is getekend bij de notaris', 'de poezen zijn bij de buurvrouw ondergebracht'], 'crisis'],
    [['ik heb de dag gekozen', 'de kinderen hoeven zich nergens zorgen om te maken, ik wil het ze makkelijk maken'], 'crisis'],
    [['na kerst ben ik er niet meer', 'mijn uitvaart heb ik zelf al geregeld en betaald'], 'crisis'],
    // one sign alone is ordinary paperwork
    [['mijn testament is getekend bij de notaris', 'verder wil ik graag een maatje om mee te wandelen'], 'licht'],
    // a move, a stay in hospital or a trip explains the arranging
    [['mijn testament is getekend bij de notaris', 'de poezen zijn bij de buurvrouw ondergebracht tijdens mijn opname'], 'licht'],
    [['de datum voor de verhuizing is gekozen', 'ik wil het mijn kinderen makkelijk maken'], 'licht'],
  ]);

  it('carbon monoxide needs all three: the appliance, someone drowsy or down, and a headache', () => {
    expect(rulesTriage().decide(['de kachel in de woonkamer brandt al de hele dag', 'mijn oma is suf en reageert nauwelijks', 'en ik ben duizelig']).level).toBe('crisis');
    expect(rulesTriage().decide(['de kachel in de woonkamer brandt al de hele dag', 'ik ben een beetje duizelig']).level).toBe('licht');
  });

  it('a question about how the bot handles a danger asks instead of deciding', () => {
    const decision = triage().decide(['wat doet deze chatbot als een jongere schrijft over zelfdoding? ik ben mentor op een mbo']);
    expect(decision.level).not.toBe('crisis');
    // the writer's own danger next to it stays a crisis
    expect(triage().decide(['ik wil er een eind aan maken en jullie bot helpt niet']).level).toBe('crisis');
  });
});

describe('round 40: an end arranged in ordinary words, a stroke, the water, a letter read too late', () => {
  itDecides([
    ['vanochtend heeft mijn cliënt haar hele weekvoorraad ingenomen, ze is nu erg slaperig', 'crisis'],
    ['mijn rechterbeen is ineens krachteloos en ik kan de woorden niet meer uitspreken', 'crisis'],
    ['vannacht fiets ik naar de haven en daar spring ik erin', 'crisis'],
    ['als jullie dit bericht lezen ben ik er niet meer', 'crisis'],
    ['we gaan vanavond naar het kanaal om te vissen', 'licht'],
    ['mijn pillen werken snel tegen de pijn in mijn rug', 'licht'],
  ]);

  itDecides([
    [['de laatste zaken heb ik op orde gebracht', 'mijn hondje mag naar de buurman, dat is afgesproken'], 'crisis'],
    [['al mijn meubels en kleren wil ik weggeven, alles', 'de lente maak ik toch niet meer mee'], 'crisis'],
    [['heeft iemand een stevige haak voor de zolderbalk', 'hij moet mijn gewicht houden, dan is het klaar'], 'crisis'],
    // the same sort of words, explained by something ordinary
    [['heeft iemand een stevige haak voor de zolderbalk', 'voor mijn nieuwe hangstoel, die moet mijn gewicht houden'], 'licht'],
    [['al mijn meubels en kleren wil ik weggeven, alles', 'want ik verhuis naar mijn dochter in Spanje'], 'licht'],
    [['mijn kat mag naar mijn zus', 'zolang ik op vakantie ben in Marokko'], 'licht'],
  ]);
});

describe('round 41: smoke without the word, a heart that stumbles, food withheld, the last call', () => {
  itDecides([
    ['in het trappenhuis hangt een grijze walm die naar verbrand plastic ruikt', 'crisis'],
    ['het matras in de slaapkamer smeult, er komt een rare geur vanaf', 'crisis'],
    ['zijn hartslag hapert steeds en hij is heel bleek', 'crisis'],
    // one missed dialysis, told as over, is no emergency of the moment
    ['mijn moeder heeft vorige week een keer de dialyse overgeslagen omdat de taxi niet kwam', 'licht'],
    ['ze heeft al haar pillen van een week tegelijk geslikt', 'crisis'],
    ['mijn schoonvader krijgt geen eten als hij klaagt, dat zegt zijn vrouw zelf', 'crisis'],
    ['mijn broer zei door de telefoon: dit is de laatste keer dat jullie me zien', 'crisis'],
    // the same words where nothing is wrong
    ['het stinkt soms naar rotte eieren in de badkamer, de monteur heeft gemeten en het is geen gas', 'licht'],
    ['we lazen een boek over een man die er een eind aan maakte, wie wil meepraten in de leesclub?', 'licht'],
    ['ons kind krijgt geen snoep als hij zeurt in de winkel', 'licht'],
  ]);

  it('a donated body together with waiting for the end to come by itself is an arranged end', () => {
    expect(rulesTriage().decide(['mijn lichaam wil ik aan de wetenschap geven', 'ik wil niet langer wachten tot het vanzelf komt']).level).toBe('crisis');
    expect(rulesTriage().decide(['mijn lichaam wil ik later aan de wetenschap geven', 'hoe regel ik dat?']).level).toBe('licht');
  });
});

describe('round 42: the worst headache, cold and slow, a relative at night; news, plays, games and people caught', () => {
  itDecides([
    ['opeens de heftigste hoofdpijn van mijn leven en ik moet overgeven', 'crisis'],
    ['opa voelt steenkoud en grauw aan en praat heel langzaam', 'crisis'],
    ['mijn stiefvader komt steeds s nachts in mijn kamer, ik ben 15', 'crisis'],
    // frightening words where the danger is someone else's, a part, a game, caught or long digested
    ['in de krant stond een steekpartij bij het station, ik zoek een cursus zelfverdediging', 'licht'],
    ['onze toneelgroep repeteert een stuk over een overval, we zoeken een zaal', 'licht'],
    ['mijn neefje speelt minecraft en blaast alles op met tnt, hoe krijg ik hem naar de voetbal?', 'licht'],
    ['de man die mijn tas heeft gestolen en me bedreigde is gearresteerd, kan ik een nieuwe pas aanvragen?', 'licht'],
    ['als kind werd ik geslagen, dat heb ik allang verwerkt; nu zoek ik een kookclub', 'licht'],
    ['ik ben psychiater en wil graag vrijwilliger worden bij het taalcafé', 'licht'],
  ]);

  it('a game in the sentence does not hide harm at home', () => {
    expect(rulesTriage().decide(['als ik stop met fortnite slaat mijn vader me met de riem']).level).toBe('crisis');
  });
});

describe('round 43: thinking only of dying, goodbye to the world, gas without a flame, burning wiring, French', () => {
  itDecides([
    ['sinds het ontslag denk ik de hele dag aan sterven', 'crisis'],
    ['bye world, sorry mam', 'crisis'],
    ['de pit van het fornuis staat open zonder vuur en mijn vader slaapt ernaast', 'crisis'],
    ['de kabels in de meterkast smelten en het stinkt', 'crisis'],
    ['mon mari ne respire pas bien, aidez moi', 'crisis'],
    // what the writer first thought only turns it around when it is said as such
    ['het stinkt hier al uren naar gas maar dachten dat het de afvoer was', 'crisis'],
    ['ik dacht dat ik gas rook, maar het was de afvoer; de monteur heeft het nagekeken', 'licht'],
    ['ik denk de hele dag aan mijn werk en kan niet slapen', 'licht'],
    ['de dagen dat de wereld nog gewoon was, mis ik wel', 'licht'],
  ]);
});

describe('round 44: the body in trouble told plainly, a threat to stab, a cable down, signs behind a door', () => {
  itDecides([
    ['hij staat in de vensterbank en roept dat hij kan vliegen', 'crisis'],
    ['mijn vader heeft twee morfinepleisters teveel opgeplakt', 'crisis'],
    ['mijn moeder is amper wakker te krijgen', 'crisis'],
    ['opa heeft al twee dagen niks gedronken', 'crisis'],
    ['ze rilt over haar hele lijf en praat traag', 'crisis'],
    ['die gasten dreigden dat ze mijn zoon gaan neersteken', 'crisis'],
    ['na de storm ligt er een stroomkabel op straat', 'crisis'],
    ['ik wil er vannacht uitstappen', 'crisis'],
    // ordinary twins
    ['de wespen gaan steken als je limonade buiten zet', 'licht'],
    ['bij welke halte moet ik uitstappen voor het buurthuis?', 'licht'],
    ['ik ril een beetje van de kou, is er een warme plek in de buurt?', 'licht'],
  ]);

  it('signs behind a door add up: a body part on the floor seen through the letterbox and post piling up', () => {
    expect(rulesTriage().decide(['de brievenbus van de buurvrouw puilt uit', 'door het raam zie ik een hand op de vloer']).level).toBe('crisis');
    expect(rulesTriage().decide(['boven kreunt iemand al uren', 'en hij bonkt op de verwarmingsbuis']).level).toBe('crisis');
    expect(rulesTriage().decide(['de brievenbus van de buurvrouw puilt uit', 'ze is op vakantie']).level).toBe('licht');
  });
});
