import { z } from 'zod';

/** Where a case is in its life: collected by the bot, waiting for a person, with a person, done. */
export const caseStatuses = ['intake', 'open', 'escalated', 'claimed', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const levels = ['licht', 'zwaar', 'crisis'] as const;
export type Level = (typeof levels)[number];

export const flagSchema = z.object({
  domain: z.string(),
  signal: z.string(),
  severity: z.enum(['mild', 'severe', 'crisis']),
  evidence: z.string(),
  message: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  helpline: z.string().optional(),
});
export type CaseFlag = z.infer<typeof flagSchema>;

/** The answers to the three intake questions, in the resident's own words. */
export const answersSchema = z.object({
  wil: z.string().optional(),
  kan: z.string().optional(),
  nodig: z.string().optional(),
});
export type IntakeAnswers = z.infer<typeof answersSchema>;

/**
 * A conversation reference is channel data the bot needs to write to the resident later.
 * It is kept as an opaque JSON object so storage does not depend on botbuilder's types.
 */
export const conversationRefSchema = z.record(z.string(), z.unknown());

export const caseSchema = z.object({
  id: z.string().min(1),
  residentKey: z.string().min(1),
  channel: z.string().min(1),
  conversationId: z.string().min(1),
  conversationRef: conversationRefSchema,
  status: z.enum(caseStatuses),
  answers: answersSchema,
  level: z.enum(levels).optional(),
  flags: z.array(flagSchema),
  reasons: z.array(z.string()),
  urgent: z.boolean(),
  askedForPerson: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntakeCase = z.infer<typeof caseSchema>;

/** A resident is known by channel and channel user id; both are needed because ids are only unique per channel. */
export function residentKeyOf(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}
