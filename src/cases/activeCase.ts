import { randomUUID } from 'node:crypto';
import { residentKeyOf, type IntakeCase } from './case';
import { updateCase, type CaseRepository } from './caseRepository';
import type { ConversationKey } from './intakePorts';

/**
 * The conversation's active case (or a new one), changed with one writer at a time, also against the
 * console; the intake and the report both keep their case this way.
 */
export async function changeActiveCase(cases: CaseRepository, who: ConversationKey, now: () => Date, change: (current: IntakeCase) => IntakeCase): Promise<IntakeCase> {
  const found = await cases.findActiveByConversation(who.channel, who.conversationId);
  const fresh = found ? undefined : newCase(who, now());
  const stored = await updateCase(cases, found?.id ?? fresh!.id, (current) => ({ ...change({ ...current, conversationRef: who.reference }), updatedAt: now().toISOString() }), () => fresh!, found);
  return stored!;
}

function newCase(who: ConversationKey, at: Date): IntakeCase {
  return {
    id: randomUUID(),
    residentKey: residentKeyOf(who.channel, who.userId),
    channel: who.channel,
    conversationId: who.conversationId,
    conversationRef: who.reference,
    status: 'intake',
    answers: {},
    flags: [],
    reasons: [],
    urgent: false,
    askedForPerson: false,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 0,
  };
}
