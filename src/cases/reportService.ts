import { randomInt } from 'node:crypto';
import { readPlace } from '../reports/address';
import { kindRule, kindsMentioned, mentions, reportRules } from '../reports/reportRules';
import { readWhen } from '../reports/timePhrases';
import { MODEL_DOMAIN } from '../triage';
import { changeActiveCase } from './activeCase';
import type { CaseFlag, IntakeCase, Level } from './case';
import { updateCase, type CaseRepository } from './caseRepository';
import type { ConversationKey } from './intakePorts';
import type { CaseTriage } from './intakeService';
import { reportKinds, reportSignal, type ReportKind } from './report';
import type { ReportDraft, ReportOutcome, ReportService } from './reportPorts';

/** When reports about one address from different reporters make it zwaar (REPORT_REPEAT_REPORTERS, REPORT_REPEAT_DAYS). */
export interface RepeatRule {
  reporters: number;
  days: number;
}

export const REPEATED_REPORTS = 'repeated-reports';
const NUISANCE_SIGNAL = 'nuisance';
// Letters and digits nobody mixes up when reading them aloud or over the phone (no 0/O, 1/I, 5/S, 8/B).
const REFERENCE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY234679';
const REFERENCE_LENGTH = 6;
const DAY_MS = 24 * 60 * 60 * 1000;

export class CaseReportService implements ReportService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly triage: CaseTriage,
    private readonly kindLabels: Record<ReportKind, string>,
    private readonly repeat: RepeatRule,
    private readonly now: () => Date = () => new Date(),
    /** Told of each linked report raised to zwaar, so the consoles move it up at once (the handoff's escalation event). */
    private readonly raised: (caseId: string) => Promise<unknown> = async () => undefined,
  ) {}

  looksLikeReport(text: string): boolean {
    if (mentions(text, reportRules.reportWords)) return true;
    if (this.triage.decide([text]).flags.some((flag) => flag.signal === NUISANCE_SIGNAL)) return true;
    return mentions(text, reportRules.neighbourWords) && kindsMentioned(text).length > 0;
  }

  kindIn(text: string): ReportKind | undefined {
    const folded = text.trim().toLowerCase();
    const tapped = reportKinds.find((kind) => this.kindLabels[kind].toLowerCase() === folded || kind === folded);
    if (tapped) return tapped;
    const byNumber = /^\d$/.test(folded) ? reportKinds[Number(folded) - 1] : undefined;
    if (byNumber) return byNumber;
    const named = kindsMentioned(text);
    return named.length === 1 ? named[0] : undefined;
  }

  readPlace(text: string) {
    return readPlace(text);
  }

  readWhen(text: string) {
    return readWhen(text, this.now());
  }

  async submit(who: ConversationKey, draft: ReportDraft): Promise<ReportOutcome> {
    const reference = newReference();
    const decision = this.triage.decide([draft.story ?? '', draft.when?.text ?? '']);
    // The rules alone: the model learnt from residents' own stories, and in a neighbour's report it reads plain noise as heavy.
    const ruleFlags = decision.flags.filter((flag) => flag.domain !== MODEL_DOMAIN);
    const stacked = decision.reasons.some((reason) => reason.startsWith('domains>='));
    const rule = kindRule(draft.kind);
    const kindFlag: CaseFlag = { domain: rule.domain, signal: reportSignal(draft.kind), severity: rule.severity, evidence: this.kindLabels[draft.kind], message: 0, start: 0, end: 0 };
    const dangerFlags: CaseFlag[] = draft.dangerNow ? [{ domain: 'veiligheid', signal: 'report-danger-now', severity: 'crisis', evidence: this.kindLabels[draft.kind], message: 0, start: 0, end: 0, helpline: 'emergency' }] : [];
    const flags = [...dangerFlags, kindFlag, ...ruleFlags];
    const reporters = await this.reportersAt(draft.place.key, who);
    const repeated = reporters >= this.repeat.reporters;
    const level = levelOf(flags, stacked || repeated);
    const reasons = [...new Set([...decision.reasons.filter((reason) => !reason.startsWith('model-')), ...(rule.severity === 'severe' ? [kindFlag.signal] : []), ...(repeated ? [REPEATED_REPORTS] : [])])];
    await changeActiveCase(this.cases, who, this.now, (current) => ({
      ...current,
      answers: {},
      report: { reference, ...draft, ...(draft.place.key ? { reportersAtAddress: reporters } : {}) },
      level: current.level === 'crisis' ? 'crisis' : level,
      urgent: current.urgent || level === 'crisis',
      flags: [...current.flags.filter((flag) => flag.severity === 'crisis'), ...flags],
      reasons,
      // Every report goes to the wijkverbinders' queue: a light one as a normal report, a heavy one escalated ahead of it.
      status: current.status === 'claimed' ? 'claimed' : 'escalated',
    }));
    if (repeated && draft.place.key) await this.raiseLinked(draft.place.key);
    return { reference, level, flags };
  }

  /** Different reporters about this address within the window, the one reporting now included. */
  private async reportersAt(addressKey: string | undefined, who: ConversationKey): Promise<number> {
    if (!addressKey) return 1;
    const since = this.now().getTime() - this.repeat.days * DAY_MS;
    const recent = (await this.cases.listReportsAt(addressKey)).filter((value) => Date.parse(value.createdAt) >= since);
    return new Set([...recent.map((value) => value.residentKey), `${who.channel}:${who.userId}`]).size;
  }

  /** The open reports about the address move up the queue with the new one. */
  private async raiseLinked(addressKey: string): Promise<void> {
    for (const linked of await this.cases.listReportsAt(addressKey)) {
      if (linked.level !== 'licht' || linked.status === 'closed') continue;
      let raised = false;
      await updateCase(this.cases, linked.id, (current: IntakeCase) => {
        raised = current.level === 'licht';
        return raised ? { ...current, level: 'zwaar', reasons: [...new Set([...current.reasons, REPEATED_REPORTS])], updatedAt: this.now().toISOString() } : undefined;
      });
      // Only the writer that raised it tells the consoles; one that found it raised already by another stays quiet.
      if (raised) await this.raised(linked.id);
    }
  }
}

/** Policy rule 3: a report of a severe kind or with severe words is zwaar, like the same words from a resident; danger now is crisis. */
function levelOf(flags: CaseFlag[], heavy: boolean): Level {
  if (flags.some((flag) => flag.severity === 'crisis')) return 'crisis';
  if (heavy || flags.some((flag) => flag.severity === 'severe')) return 'zwaar';
  return 'licht';
}

function newReference(): string {
  let reference = 'M-';
  for (let i = 0; i < REFERENCE_LENGTH; i++) reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return reference;
}
