import type { Activity } from 'botbuilder';
import { domainsOf, type IntakeCase } from '../cases/case';
import { CONNECTOR_MESSAGE_KEY, type QueueEntry } from '../handoff/ports';

/** A connector as other connectors see them: id and name. */
export interface ConnectorName {
  id: string;
  displayName: string;
}

/** Looks up a connector's name for display; undefined when the account is gone. */
export type NameOf = (connectorId: string) => Promise<ConnectorName | undefined>;

/** The resident's short code for display and search (see residentPseudonym); never the resident key itself. */
export type PseudonymOf = (residentKey: string) => string;

/** What a queue row shows: no answers, no resident ids; enough to choose what to pick up first. */
export async function queueItem(entry: QueueEntry, nameOf: NameOf, pseudonymOf: PseudonymOf) {
  const value = entry.case;
  return {
    caseId: value.id,
    status: value.status,
    level: value.level ?? null,
    urgencyRank: entry.urgencyRank,
    waitingSince: entry.waitingSince,
    pseudonym: pseudonymOf(value.residentKey),
    channel: value.channel,
    // The intake's last answer is what escalates a case, so until the resident writes again that is when they last wrote.
    lastResidentAt: value.lastResidentMessageAt ?? entry.waitingSince,
    domains: domainsOf(value),
    askedForPerson: value.askedForPerson,
    unsafeChannel: channelMayBeUnsafe(value),
    claimedBy: await claimerOf(value, nameOf),
    claimedAt: value.status === 'claimed' ? (value.claimedAt ?? null) : null,
    report: reportLine(value),
  };
}

/** A report's kind and address beside an intake's domains, so a connector tells them apart in a list. */
function reportLine(value: IntakeCase) {
  return value.report ? { kind: value.report.kind, address: value.report.place.text } : null;
}

/** A row of the history list: enough to recognise a case, nothing the resident wrote. */
export async function historyItem(value: IntakeCase, nameOf: NameOf, pseudonymOf: PseudonymOf) {
  return {
    caseId: value.id,
    status: value.status,
    level: value.level ?? null,
    pseudonym: pseudonymOf(value.residentKey),
    channel: value.channel,
    domains: domainsOf(value),
    claimedBy: await claimerOf(value, nameOf),
    outcome: value.outcome ?? null,
    at: lastChangeOf(value),
    report: reportLine(value),
  };
}

/** When a case last changed for the connector: its close, or its last update. */
export function lastChangeOf(value: IntakeCase): string {
  return value.closedAt ?? value.updatedAt;
}

async function claimerOf(value: IntakeCase, nameOf: NameOf): Promise<ConnectorName | null> {
  return value.claimedBy === undefined ? null : ((await nameOf(value.claimedBy)) ?? { id: value.claimedBy, displayName: value.claimedBy });
}

/**
 * Domestic violence (the signals whose helpline is Veilig Thuis) means someone at home may read
 * the resident's phone: the console warns before anyone writes to them.
 */
export function channelMayBeUnsafe(value: IntakeCase): boolean {
  return value.flags.some((flag) => flag.helpline === 'domestic');
}

export type TranscriptSpeaker = 'resident' | 'bot' | 'connector';

export interface TranscriptLine {
  at: string;
  from: TranscriptSpeaker;
  text: string;
}

/** The flags as a person reads them: one line per piece of evidence (a signal can count in two domains), with its Dutch label. */
function readableFlags(value: IntakeCase, labelOf: (signal: string) => string | undefined) {
  const lines = new Map<string, IntakeCase['flags'][number] & { domains: string[]; label?: string }>();
  for (const flag of value.flags) {
    const key = [flag.signal, flag.message, flag.start, flag.end, flag.evidence].join('|');
    const line = lines.get(key);
    if (line) line.domains.push(flag.domain);
    else lines.set(key, { ...flag, domains: [flag.domain], label: labelOf(flag.signal.replace(/^danger-confirmed-/, '')) });
  }
  return [...lines.values()];
}

/** The case as the connector reads it. The resident's channel ids (a phone number on WhatsApp) stay out: the connector writes through the bot. */
export async function caseDetail(
  value: IntakeCase,
  transcript: TranscriptLine[],
  previous: IntakeCase[],
  nameOf: NameOf,
  pseudonymOf: PseudonymOf,
  labelOf: (signal: string) => string | undefined = () => undefined,
  linked: IntakeCase[] = [value],
) {
  return {
    case: {
      id: value.id,
      status: value.status,
      team: value.team ?? null,
      channel: value.channel,
      pseudonym: pseudonymOf(value.residentKey),
      lastResidentAt: transcript.filter((line) => line.from === 'resident' && line.at !== '').at(-1)?.at ?? value.lastResidentMessageAt ?? null,
      level: value.level ?? null,
      urgent: value.urgent,
      askedForPerson: value.askedForPerson,
      answers: value.answers,
      flags: readableFlags(value, labelOf),
      reasons: value.reasons,
      domains: domainsOf(value),
      createdAt: value.createdAt,
      updatedAt: value.updatedAt,
      escalatedAt: value.escalatedAt ?? null,
      claimedBy: await claimerOf(value, nameOf),
      claimedAt: value.claimedAt ?? null,
      outcome: value.outcome ?? null,
      outcomeDetail: value.outcomeDetail ?? null,
      closedAt: value.closedAt ?? null,
      /** The last message the channel could not deliver to the resident, so the connector knows it did not arrive. */
      deliveryFailure: value.deliveryFailure ?? null,
    },
    unsafeChannel: channelMayBeUnsafe(value),
    /** Whether the resident said it is safe to write to them (asked only on an unsafe channel). */
    safeToMessage: value.safeToMessage ?? null,
    transcript,
    report: reportDetail(value, linked, pseudonymOf),
    previousCases: previous.map((earlier) => ({
      id: earlier.id,
      status: earlier.status,
      level: earlier.level ?? null,
      domains: domainsOf(earlier),
      outcome: earlier.outcome ?? null,
      createdAt: earlier.createdAt,
    })),
  };
}

/**
 * A report's fields, and the timeline of every report about the same address: how many, from how
 * many different reporters (by pseudonym only), what kind, since when and how often, and where each stands.
 */
function reportDetail(value: IntakeCase, linked: IntakeCase[], pseudonymOf: PseudonymOf) {
  const report = value.report;
  if (!report) return null;
  const timeline = [...linked].filter((other) => other.report).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return {
    reference: report.reference,
    kind: report.kind,
    story: report.story ?? null,
    place: report.place,
    when: report.when ?? null,
    dangerNow: report.dangerNow ?? null,
    tried: report.tried ?? null,
    feedback: report.feedback,
    linkedCount: timeline.length,
    reporters: new Set(timeline.map((other) => other.residentKey)).size,
    timeline: timeline.map((other) => ({
      id: other.id,
      current: other.id === value.id,
      at: other.createdAt,
      kind: other.report!.kind,
      when: other.report!.when?.text ?? null,
      frequency: other.report!.when?.frequency ?? null,
      level: other.level ?? null,
      status: other.status,
      reporter: pseudonymOf(other.residentKey),
    })),
  };
}

/** The case's part of the conversation as lines of text; events and typing hints are left out. */
export function transcriptOf(activities: Partial<Activity>[], value: IntakeCase): TranscriptLine[] {
  return activities
    .filter((activity) => activity.type === 'message' && typeof activity.text === 'string')
    .map((activity) => ({ at: timeOf(activity), from: speakerOf(activity, value), text: activity.text as string }));
}

function speakerOf(activity: Partial<Activity>, value: IntakeCase): TranscriptSpeaker {
  const residentId = (value.conversationRef.user as { id?: unknown } | undefined)?.id;
  if ((activity.channelData as Record<string, unknown> | undefined)?.[CONNECTOR_MESSAGE_KEY] !== undefined) return 'connector';
  return activity.from?.role === 'user' || (residentId !== undefined && activity.from?.id === residentId) ? 'resident' : 'bot';
}

function timeOf(activity: Partial<Activity>): string {
  const at = activity.timestamp ? new Date(activity.timestamp) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : '';
}
