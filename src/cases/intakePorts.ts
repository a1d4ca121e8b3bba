import type { CaseFlag, IntakeAnswers } from './case';

/** Who the bot is talking to, as far as the case store needs to know. */
export interface ConversationKey {
  channel: string;
  conversationId: string;
  userId: string;
  /** Opaque channel data needed to write to the resident later (a botbuilder ConversationReference). */
  reference: Record<string, unknown>;
}

export interface IntakeOutcome {
  /** A professional wijkverbinder takes the case (zwaar or crisis); otherwise a volunteer buddy. */
  professional: boolean;
}

/** What the dialogs need from the case side; they never see a store or the triage rules. */
export interface IntakeService {
  saveProgress(who: ConversationKey, answers: IntakeAnswers): Promise<void>;
  complete(who: ConversationKey, answers: IntakeAnswers): Promise<IntakeOutcome>;
  requestPerson(who: ConversationKey): Promise<void>;
  /** The follow-up question when the answers so far look light (nothing or one or two mild problems); else undefined. */
  followUpFor(answers: IntakeAnswers): FollowUpQuestion | undefined;
  /** The life domains of the problems one answer names, most severe first; empty for small talk. */
  problemDomains(text: string): string[];
  /** The resident said no to the privacy question: counted for the figures, with nothing about who. */
  consentRefused(): Promise<void>;
  /** Danger now: the case becomes an urgent crisis with these flags as its evidence. */
  markCrisis(who: ConversationKey, flags: CaseFlag[]): Promise<void>;
}

export interface FollowUpQuestion {
  question: string;
  more: string;
  choices: string[];
  done: string;
}
