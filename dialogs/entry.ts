import type { Texts } from '../src/i18n/texts';
import { foldForCommands } from './commands';
import { INTAKE_DIALOG, type IntakeOptions } from './intakeDialog';
import type { ReportService } from './ports';
import { REPORT_DIALOG, type ReportOptions } from './report/reportDialog';
import { VOLUNTEER_SIGNUP_DIALOG } from './volunteerSignUpDialog';

// A short message only names a choice ("ik wil overlast melden"); a longer one already tells the story.
const CHOICE_WORDS = 6;

export type EntryRoute = { dialog: typeof INTAKE_DIALOG; options: IntakeOptions } | { dialog: typeof REPORT_DIALOG; options: ReportOptions } | { dialog: typeof VOLUNTEER_SIGNUP_DIALOG; options: object };

/**
 * Where the first answer after consent leads: a tap on one of the three choices, or free text. A
 * story about the writer's own life goes on as the intake's first answer, so nobody with a problem
 * has to pick a button after already telling it; text that is clearly an overlast report goes to the report.
 */
export function entryRoute(text: string, texts: Texts, reports: ReportService): EntryRoute {
  const folded = foldForCommands(text);
  const choices = texts.entry.choices;
  const short = folded.split(' ').length <= CHOICE_WORDS;
  if (folded === foldForCommands(choices.self)) return { dialog: INTAKE_DIALOG, options: { prompt: texts.entry.ownStory } };
  if (folded === foldForCommands(choices.volunteer) || (short && texts.entry.volunteerWords.some((words) => ` ${folded} `.includes(` ${words} `)))) {
    return { dialog: VOLUNTEER_SIGNUP_DIALOG, options: {} };
  }
  if (folded === foldForCommands(choices.report)) return { dialog: REPORT_DIALOG, options: {} };
  if (reports.looksLikeReport(text)) return { dialog: REPORT_DIALOG, options: short && reports.kindIn(text) === undefined ? {} : { story: text.trim() } };
  return { dialog: INTAKE_DIALOG, options: { answer: text } };
}
