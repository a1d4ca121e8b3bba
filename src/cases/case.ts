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

/** The resident's answer to "how much did this help you?", asked once after a close (the three buttons). */
export const ratingAnswers = ['goed', 'beetje', 'niet'] as const;
export type RatingAnswer = (typeof ratingAnswers)[number];

/** Asked once; `answer` absent means not (yet) answered, `refused` that the resident said they did not want to. */
export const ratingSchema = z.object({
  askedAt: z.string(),
  answer: z.enum(ratingAnswers).optional(),
  refused: z.boolean().optional(),
  /** What the resident wanted to add, in their own words (personal data: erased and exported with the case). */
  more: z.string().optional(),
  /** The exchange is over (answered, declined or let pass): the next message is an ordinary one again. */
  settled: z.boolean().optional(),
});
export type CaseRating = z.infer<typeof ratingSchema>;

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

/** Why a light case with a buddy came back to the coordinator's queue. */
export const buddyAlerts = ['worries', 'silent', 'handed-back', 'another-buddy'] as const;
export type BuddyAlert = (typeof buddyAlerts)[number];

/** A check-in a buddy sends through the bot: "contact gehad", "loopt goed", "zorgen". */
export const checkInKinds = ['contact', 'good', 'worries'] as const;
export type CheckInKind = (typeof checkInKinds)[number];

/** A light case's way to a volunteer buddy (see src/buddies). */
export const buddyLinkSchema = z.object({
  /** Since when the case waits in the coordinator's queue: the 3 working days the bot promised count from here. */
  queuedAt: z.string(),
  volunteerId: z.string().min(1).optional(),
  matchedAt: z.string().optional(),
  matchedBy: z.string().optional(),
  lastCheckInAt: z.string().optional(),
  alert: z.enum(buddyAlerts).optional(),
  /** When the consoles were told this case nears the promised 3 working days (told once per wait). */
  nearingAlertAt: z.string().optional(),
});
export type BuddyLink = z.infer<typeof buddyLinkSchema>;

export const buddyEventTypes = ['confirmed', 'declined', 'check-in', 'handed-back', 'another-buddy', 'silent', 'escalated'] as const;

/** One step in the buddy history of a case. `by` is a connector id (the coordinator), `reason` their words; check-ins carry their kind. */
export const buddyEventSchema = z.object({
  at: z.string(),
  type: z.enum(buddyEventTypes),
  volunteerId: z.string().optional(),
  by: z.string().optional(),
  reason: z.string().max(500).optional(),
  checkIn: z.enum(checkInKinds).optional(),
});
export type BuddyEvent = z.infer<typeof buddyEventSchema>;

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
  // For the pilot's figures: the first reply of a person, whether the escalation came in office hours,
  // how often an unanswered claim went back to the queue, when a closed case was last reopened.
  firstReplyAt: z.string().optional(),
  escalatedInOfficeHours: z.boolean().optional(),
  returnedToQueue: z.number().int().min(0).optional(),
  reopenedAt: z.string().optional(),
  rating: ratingSchema.optional(),
  safeToMessage: z.enum(safeToMessageStates).optional(),
  /** The last message to the resident that the channel could not deliver (after every retry): when, and the channel's code. */
  deliveryFailure: z.object({ at: z.string(), reason: z.string() }).optional(),
  /** Light cases only: waiting for, or with, a volunteer buddy. */
  buddy: buddyLinkSchema.optional(),
  buddyHistory: z.array(buddyEventSchema).optional(),
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
