import { HandoffEventNames, type Activity, type Transcript } from 'botbuilder';
import type { IntakeCase } from '../../src/cases/case';
import type { ConnectorRef, HandoffEvent } from '../../src/handoff/ports';
import { consentGiven, startConversation, TEST_TEAM, texts as t, type ConversationOptions, type TestConversation } from '../helpers/conversation';

const fatima: ConnectorRef = { id: 'fatima', displayName: 'Fatima El Amrani', team: TEST_TEAM };
const kees: ConnectorRef = { id: 'kees', displayName: 'Kees', team: TEST_TEAM };
const elsewhere: ConnectorRef = { id: 'ans', displayName: 'Ans', team: 'delfshaven' };

/** The test clock: Tuesday 4 March 2025, 11:00 in Amsterdam, moved on by hand. */
class Clock {
  value = new Date('2025-03-04T10:00:00.000Z');
  readonly now = (): Date => this.value;
  advanceMinutes(minutes: number): void {
    this.value = new Date(this.value.getTime() + minutes * 60_000);
  }
}

describe('handoff to a wijkverbinder through the real bot', () => {
  let chat: TestConversation;
  let clock: Clock;
  let events: HandoffEvent[];

  function start(options: ConversationOptions = {}): void {
    clock = new Clock();
    chat = startConversation({ now: clock.now, ...options });
    events = [];
    chat.handoff.subscribe((event) => events.push(event));
  }
  afterEach(() => chat.close());

  const current = async (): Promise<IntakeCase> => (await chat.stores.cases.listByResident('test:user1')).at(-1)!;
  const eventTypes = () => events.map((event) => event.type);

  async function heavyIntake(): Promise<string[]> {
    await consentGiven(chat);
    await chat.say('Ik heb een huurachterstand en de deurwaarder komt volgende week');
    await chat.say('ik kan goed koken');
    return chat.say('hulp met mijn schulden');
  }

  async function claimed(): Promise<IntakeCase> {
    await heavyIntake();
    const value = await current();
    expect(await chat.handoff.claim(fatima, value.id)).toEqual({ ok: true, value: undefined });
    // The resident hears that a person has the case, by first name only.
    expect(chat.takeProactive()).toEqual([t.handoff.pickedUp.replaceAll('{name}', 'Fatima')]);
    return value;
  }

  it('a zwaar intake lands in the queue with its flags and urgency; the resident hears who answers and when', async () => {
    start({ availability: { anyoneAvailable: (team) => team === TEST_TEAM } });
    const replies = await heavyIntake();
    expect(replies).toContain(t.intake.nextStepHeavy);
    expect(replies).toContain(`${t.handoff.someoneOnline} ${t.handoff.keepWriting}`);
    expect(replies).not.toContain(t.intake.keepWriting);

    const queue = await chat.handoff.queue(TEST_TEAM);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ urgencyRank: 1, waitingSince: clock.value.toISOString(), case: { status: 'escalated', level: 'zwaar', team: TEST_TEAM } });
    expect(queue[0].case.flags).toEqual(expect.arrayContaining([expect.objectContaining({ signal: 'bailiff_seizure', evidence: expect.stringMatching(/deurwaarder/) })]));
    expect(events).toEqual([{ type: 'escalated', caseId: queue[0].case.id, team: TEST_TEAM, at: clock.value.toISOString(), crisis: false }]);
    expect(await chat.handoff.queue('delfshaven')).toEqual([]);
    expect(await chat.handoff.view(elsewhere, queue[0].case.id)).toEqual({ ok: false, reason: 'wrong-team' });
    expect(await chat.handoff.view(fatima, 'no-such-case')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('emits botbuilder\'s handoff initiation event with the transcript, and keeps it out of the transcript', async () => {
    start();
    await heavyIntake();
    const event = chat.lastReplies.find((activity) => activity.type === 'event') as Activity;
    expect(event).toMatchObject({ name: HandoffEventNames.InitiateHandoff, value: { caseId: (await current()).id, level: 'zwaar', urgencyRank: 1, team: TEST_TEAM } });
    const transcript = event.attachments?.[0]?.content as Transcript;
    expect(transcript.activities.map((activity) => activity.text)).toContain('ik kan goed koken');
    const logged = (await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1')).items;
    expect(logged.some((activity) => activity.type === 'event')).toBe(false);
  });

  it('does not emit the handoff event on Teams, which rejects event activities', async () => {
    start({ channelId: 'msteams' });
    await consentGiven(chat);
    const replies = await chat.say('ik wil een mens spreken');
    expect(replies[0]).toBe(t.person.requested);
    expect(chat.lastReplies.some((activity) => activity.type === 'event')).toBe(false);
    expect((await chat.stores.cases.listByResident('msteams:user1'))[0]).toMatchObject({ status: 'escalated', askedForPerson: true });
  });

  it('tells the resident outside office hours when the team opens again', async () => {
    start({ officeHours: 'ma-vr 09:00-17:00' });
    clock.value = new Date('2025-03-07T19:00:00.000Z'); // Friday 20:00
    await consentGiven(chat);
    const replies = await chat.say('mens');
    expect(replies[1]).toContain(t.handoff.closedNow.replace('{next}', 'op maandag om 09:00 uur'));
  });

  it('a resident writing while nobody has taken the case hears once that the message waits, and again only after a quiet half hour', async () => {
    start();
    await heavyIntake();
    expect(await chat.say('is daar iemand?')).toEqual([t.handoff.waiting.open]);
    clock.advanceMinutes(10);
    expect(await chat.say('hallo?')).toEqual([]);
    clock.advanceMinutes(19);
    expect(await chat.say('nog steeds niemand')).toEqual([]);
    clock.advanceMinutes(1);
    expect(await chat.say('hallo??')).toEqual([t.handoff.waiting.open]);
    // Every message still reaches the queue for the wijkverbinder.
    expect(events.filter((event) => event.type === 'resident-message')).toHaveLength(4);
  });

  it('outside office hours the waiting message says when the team opens, in words', async () => {
    start({ officeHours: 'ma-vr 09:00-17:00' });
    clock.value = new Date('2025-03-07T19:00:00.000Z'); // Friday 20:00
    await heavyIntake();
    expect(await chat.say('is daar iemand?')).toEqual([t.handoff.waiting.closed.replace('{next}', 'op maandag om 09:00 uur')]);
    clock.value = new Date('2025-03-10T07:00:00.000Z'); // Monday 08:00
    expect(await chat.say('hallo?')).toEqual([t.handoff.waiting.closed.replace('{next}', 'vandaag om 09:00 uur')]);
  });

  it('gives no waiting message once a person holds the case, and a crisis message gets the crisis answer instead', async () => {
    start();
    await heavyIntake();
    const crisis = (await chat.say('ik wil er een eind aan maken')).join('\n');
    expect(crisis).toContain(t.crisis.intro);
    expect(crisis).not.toContain(t.handoff.waiting.open);
    expect(await chat.handoff.claim(fatima, (await current()).id)).toMatchObject({ ok: true });
    chat.takeProactive();
    expect(await chat.say('is daar iemand?')).toEqual([]);
  });

  it('claims: one connector wins, the case is theirs; another team cannot touch it', async () => {
    start();
    const value = await claimed();
    expect(await chat.handoff.claim(kees, value.id)).toEqual({ ok: false, reason: 'already-claimed' });
    expect(await chat.handoff.claim(elsewhere, value.id)).toEqual({ ok: false, reason: 'wrong-team' });
    expect(await chat.handoff.sendToResident(kees, value.id, 'hoi')).toEqual({ ok: false, reason: 'not-yours' });
    expect(await current()).toMatchObject({ status: 'claimed', claimedBy: 'fatima', claimedAt: clock.value.toISOString() });
    expect((await chat.handoff.queue(TEST_TEAM))[0].case.status).toBe('claimed');
    expect(eventTypes()).toEqual(['escalated', 'claimed']);
  });

  it('relays: the connector\'s message reaches the resident (and the transcript); the resident\'s answer reaches the connector, the bot stays silent', async () => {
    start();
    const value = await claimed();
    expect(await chat.handoff.sendToResident(fatima, value.id, 'Hallo, ik ben Fatima. Wanneer kan ik je bellen?')).toEqual({ ok: true, value: undefined });
    // A channel that shows only text gets the person's first name and role in the text itself.
    expect(chat.takeProactive()).toEqual(['Fatima (wijkverbinder): Hallo, ik ben Fatima. Wanneer kan ik je bellen?']);

    clock.advanceMinutes(3);
    expect(await chat.say('Morgen na tienen, dank je')).toEqual([]);
    expect(await chat.say('help')).toEqual([]);
    expect(events.filter((event) => event.type === 'resident-message')).toEqual([
      { type: 'resident-message', caseId: value.id, team: TEST_TEAM, holder: 'fatima', at: clock.value.toISOString(), text: 'Morgen na tienen, dank je' },
      { type: 'resident-message', caseId: value.id, team: TEST_TEAM, holder: 'fatima', at: clock.value.toISOString(), text: 'help' },
    ]);
    expect(events.find((event) => event.type === 'connector-message')).toMatchObject({ connectorId: 'fatima', text: 'Hallo, ik ben Fatima. Wanneer kan ik je bellen?' });
    expect(await current()).toMatchObject({ lastResidentMessageAt: clock.value.toISOString(), awaitingReplySince: clock.value.toISOString() });

    const logged = (await chat.stores.transcripts.getTranscriptActivities('test', 'Convo1')).items.map((activity) => activity.text);
    // The transcript keeps what the resident saw.
    expect(logged).toEqual(expect.arrayContaining(['Fatima (wijkverbinder): Hallo, ik ben Fatima. Wanneer kan ik je bellen?', 'Morgen na tienen, dank je']));
  });

  it('release puts the case back in the queue for someone else', async () => {
    start();
    const value = await claimed();
    expect(await chat.handoff.release(kees, value.id)).toEqual({ ok: false, reason: 'not-yours' });
    expect(await chat.handoff.release(fatima, value.id)).toEqual({ ok: true, value: undefined });
    expect(await current()).toMatchObject({ status: 'escalated' });
    expect((await current()).claimedBy).toBeUndefined();
    expect(await chat.handoff.claim(kees, value.id)).toEqual({ ok: true, value: undefined });
  });

  it('close hands the conversation back to the bot, which tells the resident what follows', async () => {
    start();
    const value = await claimed();
    expect(await chat.handoff.close(fatima, value.id, 'doorverwezen', 'Schuldhulp Rotterdam')).toEqual({ ok: true, value: undefined });
    const [closing] = chat.takeProactive();
    expect(closing).toContain(t.handoff.closed.doorverwezen.replace('{to}', 'Schuldhulp Rotterdam'));
    expect(closing).toContain(t.handoff.closed.writeAgain.replace('{days}', '14'));
    expect(await current()).toMatchObject({ status: 'closed', outcome: 'doorverwezen', outcomeDetail: 'Schuldhulp Rotterdam', closedAt: clock.value.toISOString() });
    expect(await chat.handoff.queue(TEST_TEAM)).toEqual([]);
    expect(await chat.handoff.sendToResident(fatima, value.id, 'nog iets')).toEqual({ ok: false, reason: 'closed' });
    expect(await chat.handoff.close(fatima, value.id, 'afgerond')).toEqual({ ok: false, reason: 'closed' });
    expect(events.at(-1)).toMatchObject({ type: 'closed', outcome: 'doorverwezen', connectorId: 'fatima' });

    // A new question goes to the bot again, which starts a fresh intake.
    expect(await chat.say('opnieuw')).toEqual([t.intake.wil]);
    expect((await chat.say('Ik zoek iemand om mee te wandelen')).at(-1)).toBe(t.intake.kan);
  });

  it('a resident who writes again soon after close reopens the case with the same connector; later, the bot answers', async () => {
    start();
    const value = await claimed();
    await chat.handoff.close(fatima, value.id, 'afgerond');
    chat.takeProactive();
    clock.advanceMinutes(60 * 24 * 3);
    expect(await chat.say('Ik heb toch nog een vraag over de brief')).toEqual([t.handoff.reopened]);
    expect(await current()).toMatchObject({ id: value.id, status: 'claimed', claimedBy: 'fatima' });
    expect((await current()).outcome).toBeUndefined();
    expect(eventTypes().slice(-2)).toEqual(['reopened', 'resident-message']);
    expect(await chat.handoff.sendToResident(fatima, value.id, 'Vertel maar')).toEqual({ ok: true, value: undefined });

    await chat.handoff.close(fatima, value.id, 'afgerond');
    chat.takeProactive();
    clock.advanceMinutes(60 * 24 * 15);
    expect(await chat.say('hallo daar')).toEqual([t.intake.wil]);
    expect((await chat.stores.cases.get(value.id))?.status).toBe('closed');
  });

  it('an unanswered claim goes back to the queue after the reply time (injected clock, no sleeping)', async () => {
    start();
    const value = await claimed();
    clock.advanceMinutes(5);
    await chat.say('Hallo? Is daar iemand?');
    clock.advanceMinutes(29);
    expect(await chat.handoff.sweepUnansweredClaims()).toBe(0);
    clock.advanceMinutes(1);
    expect(await chat.handoff.sweepUnansweredClaims()).toBe(1);
    expect(await current()).toMatchObject({ status: 'escalated' });
    expect(events.at(-1)).toEqual({ type: 'claim-expired', caseId: value.id, team: TEST_TEAM, connectorId: 'fatima', at: clock.value.toISOString() });
    expect(await chat.handoff.claim(kees, value.id)).toEqual({ ok: true, value: undefined });
  });

  it('a connector who answers in time keeps the case', async () => {
    start();
    const value = await claimed();
    await chat.say('Hallo?');
    clock.advanceMinutes(10);
    await chat.handoff.sendToResident(fatima, value.id, 'Ik ben er');
    clock.advanceMinutes(60);
    expect(await chat.handoff.sweepUnansweredClaims()).toBe(0);
    expect((await current()).status).toBe('claimed');
  });

  it('a crisis word in handoff still gets the crisis reply, and the message still reaches the connector', async () => {
    start();
    const value = await claimed();
    const replies = (await chat.say('ik wil er een eind aan maken')).join('\n');
    expect(replies).toContain(t.crisis.intro);
    expect(replies).toContain(t.crisis.helplines.suicide);
    expect(events.at(-1)).toMatchObject({ type: 'resident-message', text: 'ik wil er een eind aan maken' });
    expect(await current()).toMatchObject({ id: value.id, status: 'claimed', level: 'crisis', urgent: true });
  });

  it('a crisis during the intake escalates at once, gives the numbers once, and the dialog gives way to the person', async () => {
    start();
    await consentGiven(chat);
    await chat.say('Ik heb veel schulden');
    await chat.say('ik zie het niet meer zitten, ik wil dood');
    // One calm crisis message, then the escalation notice (beside the handoff event); the numbers are not repeated.
    const replies = chat.lastReplies.filter((reply) => reply.type === 'message').map((reply) => reply.text ?? '');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(t.crisis.intro);
    expect(replies.join('\n').split(t.crisis.helplines.suicide)).toHaveLength(2);
    expect(replies.some((reply) => reply.startsWith(t.handoff.cannotWait))).toBe(false);
    expect((await chat.handoff.queue(TEST_TEAM))[0]).toMatchObject({ urgencyRank: 0 });
    // The console is told it is a crisis, so it can sound the crisis alarm and not the ordinary one.
    expect(events.filter((event) => event.type === 'escalated')).toEqual([expect.objectContaining({ crisis: true })]);
    // Only that the message waits: the dialog does not ask on.
    expect(await chat.say('ik kan niks')).toEqual([t.handoff.waiting.open]);
  });

  it('asks a resident flagged for domestic violence whether messages are safe, and sends nothing before a yes', async () => {
    start();
    await consentGiven(chat);
    const replies = await chat.say('mijn man slaat me en ik ben bang');
    expect(replies.at(-1)).toBe(t.handoff.safety.question);
    expect(chat.lastReplies.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Ja', 'Nee']);
    const value = await current();
    expect(value.safeToMessage).toBe('asked');
    expect(await chat.handoff.claim(fatima, value.id)).toMatchObject({ ok: true });
    expect(await chat.handoff.sendToResident(fatima, value.id, 'Hoe gaat het?')).toEqual({ ok: false, reason: 'unsafe-channel' });

    expect(await chat.say('nee')).toEqual([t.handoff.safety.no]);
    expect(await chat.handoff.sendToResident(fatima, value.id, 'Hoe gaat het?')).toEqual({ ok: false, reason: 'unsafe-channel' });
    // Asked once: later messages are not met with the question again, and "no" is remembered.
    expect(await chat.say('hij is weg')).toEqual([]);
    expect(await chat.say('nee, nog niet')).toEqual([]);
    expect((await current()).safeToMessage).toBe('no');
    // The resident says it has become safe, as the "no" answer told them to.
    expect(await chat.say('ja')).toEqual([t.handoff.safety.yes]);
    expect(await chat.handoff.sendToResident(fatima, value.id, 'Hoe gaat het?')).toMatchObject({ ok: true });
    expect(chat.takeProactive().at(-1)).toContain('Hoe gaat het?');
    // Every answer went to the connector too.
    expect(events.filter((event) => event.type === 'resident-message').map((event) => (event as { text: string }).text)).toEqual(['nee', 'hij is weg', 'nee, nog niet', 'ja']);
  });

  it('asks the safety question only once: an unclear answer is not met with the question again, a later yes still counts', async () => {
    start();
    await consentGiven(chat);
    expect((await chat.say('mijn man slaat me en ik ben bang')).at(-1)).toBe(t.handoff.safety.question);
    expect(await chat.say('hij is in de kamer')).not.toContain(t.handoff.safety.question);
    expect(await chat.say('is daar iemand?')).not.toContain(t.handoff.safety.question);
    expect((await current()).safeToMessage).toBe('asked');
    expect(await chat.say('ja hoor')).toEqual([t.handoff.safety.yes]);
    expect((await current()).safeToMessage).toBe('yes');
  });

  it('a new case in the same conversation uses the safety answer given before, without asking again', async () => {
    start();
    await consentGiven(chat);
    await chat.say('mijn man slaat me en ik ben bang');
    await chat.say('nee');
    const first = await current();
    expect(await chat.handoff.claim(fatima, first.id)).toMatchObject({ ok: true });
    await chat.handoff.close(fatima, first.id, 'afgerond');
    // "no": the closing message is not sent, and nothing else is.
    expect(chat.takeProactive()).toEqual([]);

    expect(await chat.say('opnieuw')).toContain(t.intake.wil);
    const replies = await chat.say('hij slaat me weer, ik ben bang');
    expect(replies).not.toContain(t.handoff.safety.question);
    const second = await current();
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ status: 'escalated', safeToMessage: 'no' });
  });

  describe('the rating question after a close', () => {
    const rating = t.handoff.rating;
    const buttons = [rating.choices.goed, rating.choices.beetje, rating.choices.niet, rating.refuse];

    /** A closed case; the resident has heard the closing message and the question, with its buttons. */
    async function closedAndAsked(): Promise<IntakeCase> {
      start();
      const value = await claimed();
      expect(await chat.handoff.close(fatima, value.id, 'afgerond')).toEqual({ ok: true, value: undefined });
      const [closing, question, ...more] = chat.adapter.activeQueue.splice(0);
      expect(more).toEqual([]);
      expect(closing.text).toContain(t.handoff.closed.afgerond);
      expect(question.text).toBe(rating.question);
      expect(question.suggestedActions?.actions.map((action) => action.value)).toEqual(buttons);
      expect((await current()).rating).toEqual({ askedAt: clock.value.toISOString() });
      return value;
    }

    it('answered: the choice, then what the resident wants to add, both stored with the case and counted in the figures', async () => {
      const value = await closedAndAsked();
      expect(await chat.say('Goed geholpen')).toEqual([rating.moreQuestion]);
      expect(chat.lastReplies[0].suggestedActions?.actions.map((action) => action.value)).toEqual([rating.noMore]);
      expect(await chat.say('Fatima luisterde echt <script>x</script> 🙏')).toEqual([rating.thanks]);
      expect((await current()).rating).toEqual({ askedAt: expect.any(String), answer: 'goed', more: 'Fatima luisterde echt <script>x</script> 🙏', settled: true });
      expect((await current()).status).toBe('closed');
      expect(eventTypes()).not.toContain('reopened');
      // Asked once: the next message is an ordinary one (here it reopens the case, as any message soon after a close does).
      expect(await chat.say('Ik heb toch nog een vraag')).toEqual([t.handoff.reopened]);
      expect((await chat.stores.cases.get(value.id))?.rating?.answer).toBe('goed');
      const [week] = await chat.stores.figures.breakdown({ teams: [TEST_TEAM], fromWeek: '2025-W01', toWeek: '2025-W52' }, 'rating');
      expect(week).toEqual({ week: '2025-W10', key: 'goed', count: 1 });
    });

    it('answered without more: "nee, dank je" ends it', async () => {
      await closedAndAsked();
      expect(await chat.say('een beetje')).toEqual([rating.moreQuestion]);
      expect(await chat.say('Nee, dank je')).toEqual([rating.thanks]);
      expect((await current()).rating).toMatchObject({ answer: 'beetje', settled: true });
      expect((await current()).rating?.more).toBeUndefined();
    });

    it('refused: "liever niet" is fine, the bot thanks and asks nothing more', async () => {
      await closedAndAsked();
      expect(await chat.say('Liever niet')).toEqual([rating.thanksRefused]);
      expect((await current()).rating).toMatchObject({ refused: true, settled: true });
      expect((await current()).rating?.answer).toBeUndefined();
    });

    it('ignored: an unrelated message is not taken as an answer and starts normally, and the question is not asked again', async () => {
      const value = await closedAndAsked();
      clock.advanceMinutes(60 * 24 * 20);
      expect(await chat.say('hallo')).toEqual([t.intake.wil]);
      expect((await chat.stores.cases.get(value.id))?.rating).toEqual({ askedAt: expect.any(String), settled: true });
      expect(await chat.say('Goed geholpen')).not.toContain(rating.moreQuestion);
    });

    it('a command is never swallowed as feedback: "opnieuw" after the question starts a new intake', async () => {
      await closedAndAsked();
      expect(await chat.say('opnieuw')).toEqual([t.intake.wil]);
    });
  });
});
