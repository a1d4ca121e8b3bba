let counter = 0;

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CONNECTORS_CHANNEL = '19:c0nnect0rs1d@thread.tacv2';
export const BOT = { id: '28:00000000-0000-0000-0000-00000000b07e', name: 'Wijkverbinder' };

/** A Teams user as activities name them: an MRI per app, and the Entra object id. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const RESIDENT: TeamsUser = { id: '29:1resident-mri', name: 'Sanne Bewoner', aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
export const PERSONAL_CHAT = 'a:1personal-chat-with-sanne';

/** The settings that turn the escalation cards on, pointing at a fake Bot Connector. */
export function teamsEnv(serviceUrl: string): Record<string, string> {
  return { TEAMS_CONNECTOR_CHANNEL_ID: CONNECTORS_CHANNEL, TEAMS_SERVICE_URL: serviceUrl, TEAMS_TENANT_ID: TENANT, CONSOLE_PUBLIC_URL: 'https://wijk.example.nl' };
}

type Conversation = { id: string; conversationType: 'personal' | 'channel' | 'groupChat' };

/** An activity in the shape Teams sends it to /api/messages (no expectReplies: replies go to the serviceUrl). */
export function teamsActivity(serviceUrl: string, from: TeamsUser, conversation: Conversation, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `1700000${++counter}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from,
    conversation: { ...conversation, tenantId: TENANT },
    recipient: BOT,
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'NL', platform: 'Windows', timezone: 'Europe/Amsterdam' }],
    channelData: { tenant: { id: TENANT }, ...(conversation.conversationType === 'channel' ? { channel: { id: CONNECTORS_CHANNEL }, team: { id: CONNECTORS_CHANNEL } } : {}) },
    ...fields,
  };
}

export function personalMessage(serviceUrl: string, text: string): Record<string, unknown> {
  return teamsActivity(serviceUrl, RESIDENT, { id: PERSONAL_CHAT, conversationType: 'personal' }, { type: 'message', text, textFormat: 'plain' });
}

/** What Teams sends when someone presses an Action.Execute button on a card in the channel. */
export function cardAction(serviceUrl: string, user: TeamsUser, threadId: string, replyToId: string, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return teamsActivity(serviceUrl, user, { id: threadId, conversationType: 'channel' }, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: 'oppakken', verb, data }, trigger: 'manual' },
  });
}
