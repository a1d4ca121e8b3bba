import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/console/passwords';
import { format } from '../../src/i18n/texts';
import type { App } from '../../src/app';
import { ConsoleClient, PASSWORD, TEAM } from '../console/consoleClient';
import { texts } from '../helpers/conversation';
import { FakeBotConnector } from '../helpers/fakeBotConnector';
import { adaptiveCardErrors } from '../helpers/schemas';
import { postActivity, startTestServer, type TestServer } from '../helpers/server';
import { BOT, CONNECTORS_CHANNEL, PERSONAL_CHAT, RESIDENT, cardAction, personalMessage, teamsActivity, teamsEnv, type TeamsUser } from '../helpers/teams';

const ANNA: TeamsUser = { id: '29:1anna-mri', name: 'Anna de Vries', aadObjectId: '6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c' };
const BRAM: TeamsUser = { id: '29:1bram-mri', name: 'Bram Jansen', aadObjectId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' };
const STRANGER: TeamsUser = { id: '29:1stranger-mri', name: 'Iemand Anders', aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };

/** A console account linked to a Teams user, as `npm run connector:add -- … --teams-aad` makes it. */
async function linkedConnector(app: App, username: string, user: TeamsUser, extra: { team?: string; disabled?: boolean } = {}) {
  const account = {
    id: randomUUID(),
    username,
    displayName: user.name,
    team: extra.team ?? TEAM,
    passwordHash: await hashPassword(PASSWORD),
    createdAt: new Date().toISOString(),
    teamsAadObjectId: user.aadObjectId,
    ...(extra.disabled ? { disabled: true } : {}),
  };
  expect(await app.stores.console.addConnector(account)).toBe(true);
  return account;
}

const textsOf = (activities: any[]) => activities.map((activity) => activity.text ?? '');
const cardOf = (activity: any) => activity.attachments[0].content;
const factsOf = (card: any) => Object.fromEntries(card.body.find((block: any) => block.type === 'FactSet').facts.map((fact: any) => [fact.title, fact.value]));
const textOfCard = (card: any) => card.body.filter((block: any) => block.type === 'TextBlock').map((block: any) => block.text);
const actionTitles = (card: any) => (card.actions ?? []).map((action: any) => action.title);

describe('Microsoft Teams', () => {
  let connector: FakeBotConnector;
  let serviceUrl: string;
  let server: TestServer;

  beforeEach(async () => {
    connector = new FakeBotConnector();
    serviceUrl = await connector.start();
    server = await startTestServer(teamsEnv(serviceUrl));
  });
  afterEach(async () => {
    await server.app.teams.cards?.idle();
    await server.close();
    await connector.close();
  });

  /** One Teams activity in; what the bot sent back into that conversation. */
  async function send(activity: Record<string, unknown>): Promise<any[]> {
    const before = connector.requests.length;
    const response = await postActivity(server.baseUrl, activity);
    expect(response.status).toBeLessThan(300);
    const conversationId = (activity.conversation as { id: string }).id;
    return connector.requests.slice(before).filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${conversationId}/activities`)).map((r) => r.body);
  }

  const say = (text: string) => send(personalMessage(serviceUrl, text));

  /** Installing the app in a personal chat: Teams sends installationUpdate and a conversationUpdate with the bot as the member added. */
  async function install(): Promise<any[]> {
    const personal = { id: PERSONAL_CHAT, conversationType: 'personal' as const };
    const installed = await send(teamsActivity(serviceUrl, RESIDENT, personal, { type: 'installationUpdate', action: 'add' }));
    const added = await send(teamsActivity(serviceUrl, RESIDENT, personal, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], channelData: { tenant: { id: 't' }, eventType: 'teamMemberAdded' } }));
    return [...installed, ...added];
  }

  /** A resident who asked for a person in their personal chat: the case waits, its card is in the channel. */
  async function escalatedCase() {
    await install();
    await say('Ja');
    await say('mens');
    const value = await server.app.stores.cases.findActiveByConversation('msteams', PERSONAL_CHAT);
    expect(value?.status).toBe('escalated');
    await server.app.teams.cards!.idle();
    const [thread] = connector.threadsCreated();
    const created = connector.requests.find((r) => r.path === '/v3/conversations')!;
    return { caseId: value!.id, thread, threadId: `${CONNECTORS_CHANNEL};messageid=170000000001`, activityId: '170000000001', created };
  }

  it('a personal chat runs the whole intake: greeting once on install, consent buttons, three questions, a zwaar case with its card in the channel', async () => {
    const greeting = await install();
    expect(textsOf(greeting)).toContain(texts.greeting.consentQuestion);
    const consent = greeting.find((activity) => activity.text === texts.greeting.consentQuestion);
    expect(consent.suggestedActions.actions.map((action: any) => action.title)).toEqual(['Ja', 'Nee']);
    // Every reply goes to the resident's own conversation, as a reply to what they sent, from the bot.
    expect(greeting.every((activity) => activity.conversation.id === PERSONAL_CHAT && activity.from.id === BOT.id)).toBe(true);
    // Teams sends the bot-added update again when the app is installed again: no second greeting over the waiting question.
    expect(await install()).toEqual([]);

    expect(textsOf(await say('Ja'))).toEqual([texts.greeting.consentGiven, texts.intake.wil]);
    await say('De deurwaarder komt volgende week, ik heb 6000 euro schuld en drie maanden huurachterstand');
    await say('Ik kan goed koken');
    const end = await say('Iemand die met mijn geld helpt');
    const value = await server.app.stores.cases.findActiveByConversation('msteams', PERSONAL_CHAT);
    expect(value).toMatchObject({ status: 'escalated', level: 'zwaar', channel: 'msteams', residentKey: `msteams:${RESIDENT.id}` });
    expect(textsOf(end).join('\n')).toContain(texts.handoff.keepWriting);
    // Teams refuses event activities: no handoff initiation event is sent there.
    expect(connector.requests.some((r) => r.body?.type === 'event')).toBe(false);

    await server.app.teams.cards!.idle();
    const [thread] = connector.threadsCreated();
    expect(connector.threadsCreated()).toHaveLength(1);
    expect(thread).toMatchObject({ isGroup: true, channelData: { channel: { id: CONNECTORS_CHANNEL }, tenant: { id: teamsEnv('').TEAMS_TENANT_ID } } });
    const card = cardOf(thread.activity);
    expect(thread.activity.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardErrors(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(factsOf(card)).toEqual({
      [texts.teams.card.level]: 'Zwaar',
      [texts.teams.card.domains]: expect.stringContaining('financiën'),
      [texts.teams.card.waitingSince]: `{{DATE(${value!.escalatedAt}, SHORT)}} {{TIME(${value!.escalatedAt})}}`,
    });
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Oppakken', verb: 'claim', data: { caseId: value!.id }, style: 'positive' },
      { type: 'Action.OpenUrl', title: texts.teams.card.open, url: `https://wijk.example.nl/console#case=${value!.id}` },
    ]);
    // Nothing the resident wrote, and no Teams id of theirs, is on the card the whole channel reads.
    const shown = JSON.stringify(card);
    for (const secret of ['deurwaarder', '6000', 'koken', RESIDENT.id, RESIDENT.name, RESIDENT.aadObjectId]) expect(shown).not.toContain(secret);
  });

  it('a message that @mentions the bot in a channel is answered with where to talk, and starts no intake', async () => {
    const mention = teamsActivity(serviceUrl, STRANGER, { id: `${CONNECTORS_CHANNEL};messageid=1699`, conversationType: 'channel' }, {
      type: 'message',
      text: '<at>Wijkverbinder</at> ik heb schulden',
      entities: [{ type: 'mention', text: '<at>Wijkverbinder</at>', mentioned: BOT }],
    });
    expect(textsOf(await send(mention))).toEqual([texts.teams.personalOnly]);
    expect(await server.app.stores.cases.listByResident(`msteams:${STRANGER.id}`)).toEqual([]);
    const stored = await server.app.stores.transcripts.getTranscriptActivities('msteams', `${CONNECTORS_CHANNEL};messageid=1699`);
    expect(stored.items).toEqual([]);
    // A new team member in the channel is not greeted.
    const joined = teamsActivity(serviceUrl, STRANGER, { id: CONNECTORS_CHANNEL, conversationType: 'channel' }, { type: 'conversationUpdate', membersAdded: [{ id: STRANGER.id }] });
    expect(await send(joined)).toEqual([]);
  });

  it('an @mention in the personal chat is taken out before the dialogs read the message', async () => {
    await install();
    await say('Ja');
    const mentioned = personalMessage(serviceUrl, '<at>Wijkverbinder</at> mens');
    mentioned.entities = [{ type: 'mention', text: '<at>Wijkverbinder</at>', mentioned: BOT }];
    await send(mentioned);
    // "mens" alone asks for a person: the mention did not hide the command.
    expect(await server.app.stores.cases.findActiveByConversation('msteams', PERSONAL_CHAT)).toMatchObject({ status: 'escalated', askedForPerson: true });
  });

  it('an edited message gets a short note and is kept in the transcript without its words; a deleted one is noted silently', async () => {
    await install();
    await say('Ja');
    await say('Ik wil hulp met mijn post');
    const personal = { id: PERSONAL_CHAT, conversationType: 'personal' as const };
    const edited = await send(teamsActivity(serviceUrl, RESIDENT, personal, { type: 'messageUpdate', text: 'Ik wil hulp met mijn schulden', channelData: { eventType: 'editMessage', tenant: { id: 't' } } }));
    expect(textsOf(edited)).toEqual([texts.teams.edited]);
    expect(await send(teamsActivity(serviceUrl, RESIDENT, personal, { type: 'messageDelete', channelData: { eventType: 'softDeleteMessage' } }))).toEqual([]);
    const stored = (await server.app.stores.transcripts.getTranscriptActivities('msteams', PERSONAL_CHAT)).items;
    const changes = stored.filter((activity) => activity.type === 'messageUpdate' || activity.type === 'messageDelete');
    expect(changes.map((activity) => [activity.type, activity.channelData, activity.text])).toEqual([
      ['messageUpdate', { eventType: 'editMessage' }, undefined],
      ['messageDelete', { eventType: 'softDeleteMessage' }, undefined],
    ]);
    expect(JSON.stringify(stored)).not.toContain('schulden');
    // The intake goes on where it was.
    expect(textsOf(await say('Ik kan goed luisteren'))).toContain(texts.intake.nodig);
  });

  it('two connectors press "Oppakken" at the same moment: exactly one gets the case, both see who has it, the card changes for everyone', async () => {
    const { caseId, threadId, activityId } = await escalatedCase();
    await linkedConnector(server.app, 'anna', ANNA);
    await linkedConnector(server.app, 'bram', BRAM);
    connector.reset();
    const [a, b] = await Promise.all([ANNA, BRAM].map((user) => postActivity(server.baseUrl, cardAction(serviceUrl, user, threadId, activityId, 'claim', { caseId }))));
    const value = (await server.app.stores.cases.get(caseId))!;
    expect(value.status).toBe('claimed');
    const annaId = (await server.app.stores.console.findConnectorByTeamsId(ANNA.aadObjectId))!.id;
    const winner = value.claimedBy === annaId ? ANNA : BRAM;
    for (const response of [a, b]) {
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(adaptiveCardErrors(response.json.value)).toEqual([]);
      expect(textOfCard(response.json.value)).toContain(format(texts.teams.card.claimedBy, { name: winner.name }));
      expect(actionTitles(response.json.value)).toEqual([texts.teams.card.open]);
    }
    // Both presses are in the audit log, as console claims are: one won, one came too late.
    const audit = await server.app.stores.console.listAudit({ caseId });
    expect(audit.map((entry) => [entry.action, entry.result]).sort()).toEqual([['claim', 'already-claimed'], ['claim', 'ok']]);
    await server.app.teams.cards!.idle();
    // The message edit that shows the claim to everyone in the channel, once.
    const edits = connector.edits();
    expect(edits).toHaveLength(1);
    expect(edits[0].path).toBe(`/v3/conversations/${threadId}/activities/${activityId}`);
    const refreshed = cardOf(edits[0].body);
    expect(adaptiveCardErrors(refreshed)).toEqual([]);
    expect(textOfCard(refreshed)).toContain(format(texts.teams.card.claimedBy, { name: winner.name }));
    // The resident hears that a person has it, in their own chat.
    expect(textsOf(connector.sentTo(PERSONAL_CHAT))).toEqual([format(texts.handoff.pickedUp, { name: winner.name.split(' ')[0] })]);
  });

  it('a Teams user without a linked account, or with a disabled one, gets a clear message and claims nothing; another team\'s connector neither', async () => {
    const { caseId, threadId, activityId } = await escalatedCase();
    await linkedConnector(server.app, 'bram', BRAM, { disabled: true });
    await linkedConnector(server.app, 'carla', ANNA, { team: 'charlois' });
    for (const user of [STRANGER, BRAM]) {
      const response = await postActivity(server.baseUrl, cardAction(serviceUrl, user, threadId, activityId, 'claim', { caseId }));
      expect(response.json).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.teams.claim.notLinked });
    }
    const other = await postActivity(server.baseUrl, cardAction(serviceUrl, ANNA, threadId, activityId, 'claim', { caseId }));
    expect(other.json).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.teams.claim.wrongTeam });
    expect((await server.app.stores.cases.get(caseId))!.status).toBe('escalated');
  });

  it('refuses a malformed card action with 400 in the invoke body and changes nothing', async () => {
    const { caseId, threadId, activityId } = await escalatedCase();
    await linkedConnector(server.app, 'anna', ANNA);
    for (const [verb, data] of [['delete', { caseId }], ['claim', {}], ['claim', { caseId: { $ne: '' } }]] as const) {
      const response = await postActivity(server.baseUrl, cardAction(serviceUrl, ANNA, threadId, activityId, verb, data));
      expect(response.json).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    }
    expect((await server.app.stores.cases.get(caseId))!.status).toBe('escalated');
  });

  it('the card follows the console: claimed there, released, claimed and closed, and emptied when the resident is erased', async () => {
    const { caseId, threadId, activityId } = await escalatedCase();
    const anna = await linkedConnector(server.app, 'anna', ANNA);
    const client = await ConsoleClient.login(server.baseUrl, anna.username);
    const cardAfter = async (action: () => Promise<unknown>) => {
      connector.reset();
      await action();
      await server.app.teams.cards!.idle();
      const edits = connector.edits();
      expect(edits.map((edit) => edit.path)).toEqual([`/v3/conversations/${threadId}/activities/${activityId}`]);
      const card = cardOf(edits[0].body);
      expect(adaptiveCardErrors(card)).toEqual([]);
      return card;
    };
    const claimed = await cardAfter(() => client.post(`/api/console/cases/${caseId}/claim`));
    expect(textOfCard(claimed)).toContain(format(texts.teams.card.claimedBy, { name: ANNA.name }));
    const released = await cardAfter(() => client.post(`/api/console/cases/${caseId}/release`));
    expect(textOfCard(released)).toContain(texts.teams.card.waiting);
    expect(actionTitles(released)).toEqual(['Oppakken', texts.teams.card.open]);
    await cardAfter(() => client.post(`/api/console/cases/${caseId}/claim`));
    const closed = await cardAfter(() => client.post(`/api/console/cases/${caseId}/close`, { outcome: 'afgerond' }));
    expect(textOfCard(closed)).toContain(texts.teams.card.closed);
    expect(actionTitles(closed)).toEqual([texts.teams.card.open]);
    // A press on the old card of a closed case claims nothing and shows how it stands.
    const late = await postActivity(server.baseUrl, cardAction(serviceUrl, ANNA, threadId, activityId, 'claim', { caseId }));
    expect(textOfCard(late.json.value)).toContain(texts.teams.card.closed);

    const erased = await cardAfter(async () => {
      await say(texts.commands.erase[0]);
      await say('Ja');
    });
    expect(await server.app.stores.cases.get(caseId)).toBeUndefined();
    expect(textOfCard(erased)).toEqual([texts.teams.card.erased]);
    expect(erased.actions).toBeUndefined();
  });

  it('a card the Bot Connector refuses costs the resident nothing: the escalation is announced and the case waits in the console', async () => {
    connector.fail([500, 500, 500, 500, 500, 500], '/v3/conversations');
    await install();
    await say('Ja');
    expect(textsOf(await say('mens')).join('\n')).toContain(texts.handoff.keepWriting);
    await server.app.teams.cards!.idle();
    const value = await server.app.stores.cases.findActiveByConversation('msteams', PERSONAL_CHAT);
    expect((await server.app.handoff.queue(TEAM)).map((entry) => entry.case.id)).toEqual([value!.id]);
    expect(connector.requests.filter((r) => r.path === '/v3/conversations').length).toBeGreaterThanOrEqual(1);
  });
});

describe('Microsoft Teams without the card settings', () => {
  it('still runs the personal chat intake, and a card action is answered 501 (not implemented)', async () => {
    const connector = new FakeBotConnector();
    const serviceUrl = await connector.start();
    const server = await startTestServer();
    try {
      expect(server.app.teams.cards).toBeUndefined();
      const greeting = await postActivity(server.baseUrl, teamsActivity(serviceUrl, RESIDENT, { id: PERSONAL_CHAT, conversationType: 'personal' }, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }));
      expect(greeting.status).toBe(200);
      expect(textsOf(connector.sentTo(PERSONAL_CHAT))).toContain(texts.greeting.consentQuestion);
      const press = await postActivity(server.baseUrl, cardAction(serviceUrl, ANNA, CONNECTORS_CHANNEL, '1', 'claim', { caseId: 'x' }));
      expect(press.status).toBe(501);
    } finally {
      await server.close();
      await connector.close();
    }
  });
});
