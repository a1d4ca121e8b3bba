import type { TurnContext } from 'botbuilder';

// The case side's ports live with the cases (cases import nothing from dialogs); the dialogs use them from there.
export type { ConversationKey, FollowUpQuestion, IntakeOutcome, IntakeService } from '../src/cases/intakePorts';
export type { Place, ReportDraft, ReportKind, ReportOutcome, ReportService, When } from '../src/cases/reportPorts';

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
