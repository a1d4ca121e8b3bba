import type { IntakeCase } from '../cases/case';

/** A channel that lets the business write freely only for a while after the resident last wrote (WhatsApp: 24 hours). */
export interface ReplyWindowRule {
  hours: number;
  /** The approved template that asks the resident to reply, when the deployment has one. */
  template?: string;
}

export interface ReplyWindowState {
  open: boolean;
  closesAt: string;
  template: string | null;
}

/**
 * Where the case's channel has a reply window: whether it is still open now. The resident last
 * wrote either in handoff (lastResidentMessageAt) or in the turn that escalated the case.
 */
export function replyWindowOf(value: IntakeCase, rules: Record<string, ReplyWindowRule>, now: Date): ReplyWindowState | undefined {
  const rule = rules[value.channel];
  if (!rule) return undefined;
  const last = Math.max(...[value.lastResidentMessageAt, value.escalatedAt, value.createdAt].map((at) => (at ? Date.parse(at) : 0)));
  const closesAt = last + rule.hours * 60 * 60 * 1000;
  return { open: now.getTime() < closesAt, closesAt: new Date(closesAt).toISOString(), template: rule.template ?? null };
}
