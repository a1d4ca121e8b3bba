import type { IntakeCase } from '../cases/case';
import type { QueueEntry } from './ports';

/** Lower is more urgent: 0 crisis, 1 zwaar, 2 asked for a person, 3 anything else escalated. */
export function urgencyRank(value: IntakeCase): number {
  if (value.level === 'crisis' || value.urgent) return 0;
  if (value.level === 'zwaar') return 1;
  if (value.askedForPerson) return 2;
  return 3;
}

/** A case waits from its (first) escalation; a released or expired claim keeps its place in the queue. */
export function waitingSince(value: IntakeCase): string {
  return value.escalatedAt ?? value.updatedAt;
}

export function queueEntryOf(value: IntakeCase): QueueEntry {
  return { case: value, urgencyRank: urgencyRank(value), waitingSince: waitingSince(value) };
}

/** Most urgent first; within a rank, longest waiting first; the id keeps the order stable. */
export function compareQueueEntries(a: QueueEntry, b: QueueEntry): number {
  return (
    a.urgencyRank - b.urgencyRank ||
    Date.parse(a.waitingSince) - Date.parse(b.waitingSince) ||
    (a.case.id < b.case.id ? -1 : a.case.id > b.case.id ? 1 : 0)
  );
}
