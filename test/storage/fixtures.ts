import type { Activity } from 'botbuilder';
import type { IntakeCase } from '../../src/cases/case';
import { residentKeyOf } from '../../src/cases/case';
import type { Volunteer } from '../../src/buddies/volunteer';

export const BOT = 'wijkverbinder-bot';

/** A resident's message, or (with `fromBot`) the bot's reply to them, as a channel would carry it. */
export function message(options: {
  channelId: string;
  conversationId: string;
  userId: string;
  text: string;
  at: Date | string;
  id?: string;
  fromBot?: boolean;
  roles?: boolean;
}): Activity {
  const roles = options.roles ?? true;
  const user = { id: options.userId, name: 'Bewoner', ...(roles ? { role: 'user' } : {}) };
  const bot = { id: BOT, name: 'Wijkteam', ...(roles ? { role: 'bot' } : {}) };
  return {
    type: 'message',
    id: options.id ?? `${options.conversationId}-${Math.random().toString(36).slice(2)}`,
    channelId: options.channelId,
    serviceUrl: 'https://example.invalid/',
    conversation: { id: options.conversationId },
    from: options.fromBot ? bot : user,
    recipient: options.fromBot ? user : bot,
    text: options.text,
    timestamp: options.at,
  } as unknown as Activity;
}

export function intakeCase(overrides: Partial<IntakeCase> & { id: string; channel: string; userId: string; conversationId: string }): IntakeCase {
  const { userId, ...rest } = overrides;
  const at = overrides.createdAt ?? '2025-03-01T09:00:00.000Z';
  return {
    residentKey: residentKeyOf(overrides.channel, userId),
    conversationRef: {
      channelId: overrides.channel,
      conversation: { id: overrides.conversationId },
      user: { id: userId },
      bot: { id: BOT },
      serviceUrl: 'https://example.invalid/',
    },
    status: 'open',
    answers: { wil: 'hulp', kan: 'koken', nodig: 'iemand' },
    flags: [],
    reasons: [],
    urgent: false,
    askedForPerson: false,
    createdAt: at,
    updatedAt: at,
    version: 0,
    ...rest,
  };
}

/** JSON round trip: what any store may turn a value into (Dates become strings), and nothing more. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A volunteer as the sign-up stores them; `mark` goes into their own words so a dump shows where they are. */
export function volunteer(overrides: Partial<Volunteer> & { id: string; channel: string; userId: string }): Volunteer {
  const { userId, ...rest } = overrides;
  return {
    volunteerKey: residentKeyOf(overrides.channel, userId),
    conversationId: `gesprek-${overrides.id}`,
    conversationRef: { channelId: overrides.channel, conversation: { id: `gesprek-${overrides.id}` } },
    team: 'bospolder-tussendijken',
    name: 'Fatma',
    talents: ['koken'],
    talentText: 'Ik kook graag',
    days: ['di'],
    dayParts: ['middag'],
    area: { given: 'Hudsonstraat', postcode: '3022B' },
    languages: ['turks'],
    contact: 'chat',
    consentAt: '2025-04-01T09:00:00.000Z',
    status: 'active',
    screening: { vog: 'unchecked' },
    createdAt: '2025-04-01T09:00:00.000Z',
    updatedAt: '2025-04-01T09:00:00.000Z',
    ...rest,
  };
}

/** A neighbour's overlast report about `address` (its key), as the report dialog stores it. */
export function reportCase(overrides: Partial<IntakeCase> & { id: string; channel: string; userId: string; conversationId: string; addressKey?: string }): IntakeCase {
  const { addressKey, ...rest } = overrides;
  return intakeCase({
    status: 'escalated',
    level: 'licht',
    answers: {},
    report: {
      reference: `M-${overrides.id.toUpperCase()}`,
      kind: 'geluid',
      story: 'de buurman bonkt elke nacht op de muur',
      place: { text: addressKey ?? 'ergens', ...(addressKey ? { key: addressKey } : {}) },
      feedback: false,
    },
    ...rest,
  });
}
