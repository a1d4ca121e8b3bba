import { caseSchema, type CaseFlag, type IntakeCase } from '../../cases/case';
import { measuresOf, type CaseMeasures } from '../../figures/measures';
import { decodeBody, encodeBody } from '../jsonBody';

/** A flag as stored: `messageIndex` says plainly which answer the evidence was found in. */
export type FlagDoc = Omit<CaseFlag, 'message'> & { messageIndex: number };

/**
 * A case as a document people can read and query (Compass, the figures' pipelines): every field of
 * the case as a field, times as dates, flags as subdocuments. Only the conversation reference, channel
 * data with keys of any shape, is kept as a JSON string (see jsonBody). `measures` is what the figures
 * add up (see measuresOf).
 */
export type CaseDoc = Omit<IntakeCase, 'id' | 'conversationRef' | 'flags' | (typeof TIMES)[number]> &
  Partial<Record<(typeof TIMES)[number], Date>> & {
    _id: string;
    createdAt: Date;
    updatedAt: Date;
    conversationRef: string;
    flags: FlagDoc[];
    /** The life domains the flags touch, each once: what a user would query, and what the figures unwind. */
    domains: string[];
    measures: CaseMeasures;
  };

/** The case's moments, stored as dates so they sort, compare and expire as times. */
const TIMES = [
  'createdAt',
  'updatedAt',
  'escalatedAt',
  'claimedAt',
  'firstReplyAt',
  'lastResidentMessageAt',
  'awaitingReplySince',
  'lastConnectorReplyAt',
  'waitingNoticeAt',
  'closedAt',
  'reopenedAt',
] as const;

export function caseDocOf(valid: IntakeCase): CaseDoc {
  const { id, conversationRef, flags, ...fields } = valid;
  const doc: Record<string, unknown> = { _id: id, ...fields };
  for (const name of TIMES) if (valid[name] !== undefined) doc[name] = dateOf(valid[name], name);
  doc.conversationRef = encodeBody(conversationRef);
  doc.flags = flags.map(({ message, ...flag }) => ({ ...flag, messageIndex: message }));
  const measures = measuresOf(valid);
  doc.measures = measures;
  doc.domains = measures.domains;
  // The driver would store an absent optional field as null; leaving it out keeps the document as the case.
  for (const [key, value] of Object.entries(doc)) if (value === undefined) delete doc[key];
  return doc as CaseDoc;
}

export function caseOfDoc(doc: CaseDoc): IntakeCase {
  const { _id, conversationRef, flags, measures: _measures, domains: _domains, ...fields } = doc;
  const times = Object.fromEntries(TIMES.filter((name) => doc[name] instanceof Date).map((name) => [name, doc[name]!.toISOString()]));
  return caseSchema.parse({
    ...fields,
    ...times,
    id: _id,
    conversationRef: decodeBody(conversationRef),
    flags: flags.map(({ messageIndex, ...flag }) => ({ ...flag, message: messageIndex })),
  });
}

/** A time that does not read as a date is refused rather than stored out of order; one that does is stored as exactly that moment. */
function dateOf(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new TypeError(`case.${field} is not a date.`);
  return date;
}
