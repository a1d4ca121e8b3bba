import { residentKeyOf } from './case';
import { updateCase, type CaseRepository } from './caseRepository';

/**
 * Puts a message the channel could not deliver on the resident's case (the active one in the
 * conversation, else their newest), so the console shows it and no message is lost unseen.
 * Resolves with the case id, or undefined when the resident has no case to put it on.
 */
export async function recordDeliveryFailure(
  cases: CaseRepository,
  where: { channel: string; conversationId: string; userId: string },
  reason: string,
  at: Date,
): Promise<string | undefined> {
  const active = await cases.findActiveByConversation(where.channel, where.conversationId);
  const target = active ?? (await cases.listByResident(residentKeyOf(where.channel, where.userId))).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!target) return undefined;
  const stamp = at.toISOString();
  await updateCase(cases, target.id, (current) => ({ ...current, deliveryFailure: { at: stamp, reason }, updatedAt: stamp }));
  return target.id;
}
