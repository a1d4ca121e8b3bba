import type { ConversationKey, FollowUpQuestion, IntakeOutcome, IntakeService } from './intakePorts';
import type { CaseFlag, CaseStatus, IntakeAnswers, IntakeCase, Level } from './case';
import type { CaseRepository } from './caseRepository';
import { changeActiveCase } from './activeCase';
import type { FiguresStore } from '../figures/figures';

/** The triage as the case side sees it: the resident's texts in, a level with its evidence out. */
export interface CaseTriage {
  decide(messages: string[], named?: string[]): { level: Level; flags: CaseFlag[]; reasons: string[] };
  followUp: FollowUpQuestion | undefined;
}

/** What the triage reads of the answers: the three questions, then what was written after the follow-up. */
function answerTexts(answers: IntakeAnswers): string[] {
  const texts = [answers.wil, answers.kan, answers.nodig].map((text) => text ?? '');
  return answers.meer ? [...texts, answers.meer] : texts;
}

/** Keeps the intake case in step with the conversation: created on the first answer, decided at the end. */
export class CaseIntakeService implements IntakeService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly triage: CaseTriage,
    private readonly now: () => Date = () => new Date(),
    private readonly tally?: Pick<FiguresStore, 'recordConsentRefused'>,
  ) {}

  async consentRefused(): Promise<void> {
    await this.tally?.recordConsentRefused(this.now());
  }

  async saveProgress(who: ConversationKey, answers: IntakeAnswers): Promise<void> {
    await this.change(who, (current) => ({ ...current, answers: { ...answers } }));
  }

  followUpFor(answers: IntakeAnswers): FollowUpQuestion | undefined {
    return this.triage.decide(answerTexts(answers), answers.named).level === 'licht' ? this.triage.followUp : undefined;
  }

  problemDomains(text: string): string[] {
    const flags = this.triage.decide([text]).flags.filter((flag) => flag.severity !== 'crisis');
    const bySeverity = [...flags.filter((flag) => flag.severity === 'severe'), ...flags.filter((flag) => flag.severity === 'mild')];
    return [...new Set(bySeverity.map((flag) => flag.domain))];
  }

  async complete(who: ConversationKey, answers: IntakeAnswers): Promise<IntakeOutcome> {
    const decision = this.triage.decide(answerTexts(answers), answers.named);
    const stored = await this.change(who, (current) => {
      // A crisis raised earlier in the conversation keeps its level and evidence whatever the answers say.
      const level = current.level === 'crisis' ? 'crisis' : decision.level;
      const flags = [...current.flags.filter((flag) => flag.severity === 'crisis'), ...decision.flags];
      const status = nextStatus(current.status, level);
      // A light case enters the coordinator's queue now: the promised 3 working days start here.
      const buddy = status === 'open' && !current.buddy ? { queuedAt: this.now().toISOString() } : current.buddy;
      return { ...current, answers: { ...answers }, level, flags, reasons: decision.reasons, status, ...(buddy ? { buddy } : {}) };
    });
    return { professional: stored.level !== 'licht' };
  }

  /** A crisis makes the case urgent at once, whatever stage the intake is in, and keeps its evidence (each flag once). */
  async markCrisis(who: ConversationKey, flags: CaseFlag[]): Promise<void> {
    await this.change(who, (current) => ({
      ...current,
      level: 'crisis',
      urgent: true,
      flags: withoutRepeats([...current.flags, ...flags]),
      reasons: [...new Set([...current.reasons, 'crisis-signal'])],
      status: current.status === 'claimed' ? 'claimed' : 'escalated',
    }));
  }

  async requestPerson(who: ConversationKey): Promise<void> {
    await this.change(who, (current) => ({ ...current, askedForPerson: true, status: current.status === 'claimed' ? 'claimed' : 'escalated' }));
  }

  private change(who: ConversationKey, change: (current: IntakeCase) => IntakeCase): Promise<IntakeCase> {
    return changeActiveCase(this.cases, who, this.now, change);
  }
}

/** The same evidence twice (a crisis word seen again, a retried write) is kept once. */
function withoutRepeats(flags: CaseFlag[]): CaseFlag[] {
  const seen = new Set<string>();
  return flags.filter((flag) => {
    const key = [flag.signal, flag.domain, flag.message, flag.start, flag.end, flag.evidence].join('|');
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/**
 * Where a case goes when the intake ends: zwaar and crisis wait for a wijkverbinder (escalated), licht
 * is open for a buddy; a case a person already has (escalated, claimed) or that is closed stays as it is.
 */
function nextStatus(current: CaseStatus, level: Level): CaseStatus {
  if (current !== 'intake' && current !== 'open') return current;
  return level === 'licht' ? 'open' : 'escalated';
}
