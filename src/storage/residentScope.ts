import type { Activity } from 'botbuilder';
import { CONNECTOR_MESSAGE_KEY } from '../handoff/ports';

/**
 * The resident a transcript row belongs to: the party that is not the bot. An outgoing activity
 * is from the bot to the resident; channels mark that with role "bot" on `from` or role "user" on
 * `recipient`. Without roles the row is filed under `from.id`, so the resident's own messages
 * still find the conversation (erasure and export then take the whole conversation).
 */
export function residentIdOf(activity: Partial<Pick<Activity, 'from' | 'recipient'>>): string {
  return (fromBot(activity) ? activity.recipient?.id : activity.from?.id) ?? activity.from?.id ?? '';
}

export type Speaker = 'resident' | 'bot' | 'wijkverbinder';

/** Who spoke in a transcript row: a person's message goes out through the bot but carries their id. */
export function speakerOf(activity: Partial<Pick<Activity, 'from' | 'recipient' | 'channelData'>>): Speaker {
  if ((activity.channelData as Record<string, unknown> | undefined)?.[CONNECTOR_MESSAGE_KEY] !== undefined) return 'wijkverbinder';
  return fromBot(activity) ? 'bot' : 'resident';
}

function fromBot(activity: Partial<Pick<Activity, 'from' | 'recipient'>>): boolean {
  return activity.from?.role === 'bot' || activity.recipient?.role === 'user';
}

/**
 * botbuilder keys state as `<channel>/users/<userId>/<namespace>` and
 * `<channel>/conversations/<conversationId>/<namespace>`. A base matches itself exactly and every
 * key below it ("base/…"); keys below it are the half-open range ["base/", "base0") because "0"
 * follows "/" in every collation by code point, so "base2" of another resident is never included.
 */
export interface StateKeyRange {
  exact: string;
  from: string;
  to: string;
}

export function stateKeyRanges(channel: string, userId: string, conversationIds: Iterable<string>): StateKeyRange[] {
  const bases = [`${channel}/users/${userId}`, ...[...new Set(conversationIds)].map((id) => `${channel}/conversations/${id}`)];
  return bases.map((base) => ({ exact: base, from: `${base}/`, to: `${base}0` }));
}

export function inStateKeyRanges(key: string, ranges: StateKeyRange[]): boolean {
  return ranges.some((range) => key === range.exact || (key >= range.from && key < range.to));
}
