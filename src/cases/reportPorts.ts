import type { Place } from '../reports/address';
import type { When } from '../reports/timePhrases';
import type { CaseFlag, Level } from './case';
import type { ConversationKey } from './intakePorts';
import type { ReportKind } from './report';

export type { Place, When, ReportKind };

/** What the reporter told, before it is a case. */
export interface ReportDraft {
  kind: ReportKind;
  story?: string;
  place: Place;
  when?: When;
  dangerNow?: boolean;
  tried?: string;
  feedback: boolean;
}

export interface ReportOutcome {
  reference: string;
  level: Level;
  flags: CaseFlag[];
}

/** What the report dialog needs from the case side; it never sees a store, the triage or the time parser's clock. */
export interface ReportService {
  /** The first free text of a conversation is clearly an overlast report, not the writer's own story. */
  looksLikeReport(text: string): boolean;
  /** The kind a tap or a typed answer names, if any. */
  kindIn(text: string): ReportKind | undefined;
  readPlace(text: string): Place;
  readWhen(text: string): When;
  /** Stores the report as a case for the wijkverbinders' queue: triaged, linked by address, with a reference for the reporter. */
  submit(who: ConversationKey, draft: ReportDraft): Promise<ReportOutcome>;
}
