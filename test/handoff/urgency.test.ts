import type { IntakeCase } from '../../src/cases/case';
import { compareQueueEntries, queueEntryOf, urgencyRank } from '../../src/handoff/urgency';
import { intakeCase } from '../storage/fixtures';

function waiting(id: string, escalatedAt: string, extra: Partial<IntakeCase>): IntakeCase {
  return intakeCase({ id, channel: 'webchat', userId: id, conversationId: id, status: 'escalated', escalatedAt, ...extra });
}

describe('urgency order of the queue', () => {
  it('puts crisis first, then zwaar, then asked for a person; within a rank the longest waiting first', () => {
    const cases = [
      waiting('person-old', '2025-03-01T08:00:00Z', { askedForPerson: true, level: 'licht' }),
      waiting('zwaar-new', '2025-03-01T10:00:00Z', { level: 'zwaar' }),
      waiting('crisis-new', '2025-03-01T11:00:00Z', { level: 'crisis', urgent: true }),
      waiting('zwaar-old', '2025-03-01T09:00:00Z', { level: 'zwaar', askedForPerson: true }),
      waiting('crisis-old', '2025-03-01T10:30:00Z', { urgent: true }),
      waiting('other', '2025-03-01T07:00:00Z', {}),
    ];
    const ordered = cases.map(queueEntryOf).sort(compareQueueEntries);
    expect(ordered.map((entry) => entry.case.id)).toEqual(['crisis-old', 'crisis-new', 'zwaar-old', 'zwaar-new', 'person-old', 'other']);
    expect(ordered.map((entry) => entry.urgencyRank)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(ordered[0].waitingSince).toBe('2025-03-01T10:30:00Z');
  });

  it('ranks a case by its most urgent reason', () => {
    expect(urgencyRank(waiting('a', '2025-03-01T08:00:00Z', { level: 'licht', urgent: true, askedForPerson: true }))).toBe(0);
  });
});
