import type { TurnContext } from 'botbuilder';
import type { CaseFlag, IntakeAnswers } from '../src/cases/case';

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
  /** Danger now: the case becomes an urgent crisis with these flags as its evidence. */
  markCrisis(who: ConversationKey, flags: CaseFlag[]): Promise<void>;
}

export interface FollowUpQuestion {
  question: string;
  more: string;
  choices: string[];
  done: string;
}

/** Words in a message that may mean danger now, without a certain crisis signal. */
export interface DangerHint {
  signal: string;
  evidence: string;
  start: number;
  end: number;
  helpline: string;
}

export interface DangerScanner {
  hints(message: string): DangerHint[];
}

export interface ConsentRecord {
  given: boolean;
  at: string;
}

/** Removes everything about the resident of this turn (AVG art. 17), including what the turn itself holds in memory. */
export interface ResidentErasure {
  erase(context: TurnContext): Promise<void>;
}
