import { z } from 'zod';
import { reportSchema } from './report';

/** Where a case is in its life: collected by the bot, waiting for a person, with a person, done. */
export const caseStatuses = ['intake', 'open', 'escalated', 'claimed', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const levels = ['licht', 'zwaar', 'crisis'] as const;

/** How a closed case ended; the console offers these, the bot tells the resident what follows. */
export const closeOutcomes = ['vrijwillige-buddy', 'professionele-buddy', 'doorverwezen', 'afgerond'] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

/**
 * Whether the resident said it is safe to be messaged (asked when a case is flagged for domestic
 * violence): someone else may read the resident's phone, so no proactive message goes out before 'yes'.
 */
export const safeToMessageStates = ['asked', 'yes', 'no'] as const;
export type SafeToMessage = (typeof safeToMessageStates)[number];
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
  /** What the resident wrote after the follow-up question ("speelt er ook iets van dit?"). */
  meer: z.string().optional(),
  /** The follow-up choices the resident tapped, as labelled. */
  named: z.array(z.string()).optional(),
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
  /** Counts the case's writes; a change is stored only over the version it was made from (see CaseRepository.replace). */
  version: z.number().int().min(0).default(0),
  // Handoff to a wijkverbinder (all ISO times). The claim itself is decided by the claims store
  // (a unique insert); claimedBy/claimedAt mirror it for display, and stay on a closed case to reopen it with the same person.
  team: z.string().min(1).optional(),
  escalatedAt: z.string().optional(),
  claimedBy: z.string().min(1).optional(),
  claimedAt: z.string().optional(),
  lastResidentMessageAt: z.string().optional(),
  /** The first resident message since the connector last replied: the unanswered-claim timeout counts from here. */
  awaitingReplySince: z.string().optional(),
  lastConnectorReplyAt: z.string().optional(),
  /** When the bot last told the resident of a case nobody has taken yet that their message waits (said again only after a quiet period). */
  waitingNoticeAt: z.string().optional(),
  outcome: z.enum(closeOutcomes).optional(),
  outcomeDetail: z.string().optional(),
  closedAt: z.string().optional(),
  safeToMessage: z.enum(safeToMessageStates).optional(),
  /** The last message to the resident that the channel could not deliver (after every retry): when, and the channel's code. */
  deliveryFailure: z.object({ at: z.string(), reason: z.string() }).optional(),
  /** Set when the case is a neighbour's overlast report rather than a resident's own intake. */
  report: reportSchema.optional(),
});
export type IntakeCase = z.infer<typeof caseSchema>;

/** A resident is known by channel and channel user id; both are needed because ids are only unique per channel. */
export function residentKeyOf(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}

/** The life domains a case touches, each once, in the order they were flagged. */
export function domainsOf(value: IntakeCase): string[] {
  return [...new Set(value.flags.map((flag) => flag.domain))];
}
