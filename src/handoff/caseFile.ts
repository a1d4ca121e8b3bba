import type { Activity, TranscriptStore } from 'botbuilder';
import type { IntakeCase } from '../cases/case';

/** The stretch of a conversation that belongs to one case, as ISO times; open ends are unbounded. */
export interface CaseWindow {
  from?: string;
  until?: string;
}

/**
 * Need-to-know: a case shows its own part of the conversation, from the end of the resident's
 * previous case in the same conversation (a WhatsApp chat is one endless conversation) to its own close.
 */
export function caseWindow(value: IntakeCase, others: IntakeCase[]): CaseWindow {
  const before = others
    .filter((other) => other.conversationId === value.conversationId && other.closedAt !== undefined && other.closedAt <= value.createdAt)
    .map((other) => other.closedAt!)
    .sort();
  return { from: before.at(-1), until: value.status === 'closed' ? value.closedAt : undefined };
}

/** The case's activities within its window, page by page from the transcript store. */
export async function activitiesWithin(transcripts: TranscriptStore, value: IntakeCase, window: CaseWindow): Promise<Partial<Activity>[]> {
  const found: Partial<Activity>[] = [];
  let token: string | undefined;
  do {
    const page = await transcripts.getTranscriptActivities(value.channel, value.conversationId, token, window.from === undefined ? undefined : new Date(window.from));
    for (const activity of page.items) {
      const at = activity.timestamp ? new Date(activity.timestamp).toISOString() : '';
      if (window.until === undefined || at <= window.until) found.push(activity);
    }
    token = page.continuationToken || undefined;
  } while (token);
  return found;
}
