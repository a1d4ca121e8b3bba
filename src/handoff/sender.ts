import type { Activity } from 'botbuilder';
import { CONNECTOR_MESSAGE_KEY, type ConnectorRef } from './ports';

/** Who wrote a message a person sent to the resident: a first name and a role, as the resident may see them. */
export interface Sender {
  name: string;
  role: string;
}

/** The channelData key under which a person's message carries its sender. */
const SENDER_KEY = 'sender';

/** Only the first name leaves the team: enough to know who answers, no more about the professional than needed. */
export function firstName(connector: Pick<ConnectorRef, 'displayName'>): string {
  return connector.displayName.trim().split(/\s+/)[0];
}

/** What a connector's message carries: their id (for the transcript) and who they are (for the resident's screen). */
export function connectorChannelData(connector: ConnectorRef, role: string): Record<string, unknown> {
  return { [CONNECTOR_MESSAGE_KEY]: connector.id, [SENDER_KEY]: { name: firstName(connector), role } satisfies Sender };
}

export function senderOf(activity: Partial<Activity>): Sender | undefined {
  const sender = (activity.channelData as Record<string, unknown> | undefined)?.[SENDER_KEY] as Partial<Sender> | undefined;
  return typeof sender?.name === 'string' && typeof sender.role === 'string' ? { name: sender.name, role: sender.role } : undefined;
}
