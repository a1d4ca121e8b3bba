import { ActivityTypes, MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { reportKinds } from '../../src/cases/report';
import { format, type Texts } from '../../src/i18n/texts';
import { isUnknownAnswer } from '../commands';
import { conversationKeyOf } from '../conversationKey';
import { CRISIS_TURN, crisisReply } from '../helplines';
import type { ReportDraft, ReportKind, ReportService } from '../ports';
import { recognizeYesNo } from '../yesNo';

export const REPORT_DIALOG = 'report';
const STEPS = 'reportSteps';
const KIND = 'reportKindPrompt';
const STORY = 'reportStoryPrompt';
const WHERE = 'reportWherePrompt';
const WHEN = 'reportWhenPrompt';
const DANGER = 'reportDangerPrompt';
const TRIED = 'reportTriedPrompt';
const FEEDBACK = 'reportFeedbackPrompt';
// One answer the bot cannot read gets the question again; after that the bot goes on with what it has.
const MAX_TRIES = 2;
// A worry about a confused or neglected neighbour without danger now also has its own helpline.
const WORRY_KINDS: ReportKind[] = ['verward-gedrag', 'verwaarlozing'];

export interface ReportOptions {
  /** The reporter's first message, when it already told what happens. */
  story?: string;
}

type Draft = Partial<ReportDraft> & { kind?: ReportKind };

/**
 * A neighbour reports overlast: what kind, what happens, where, since when and how often, whether
 * anyone is in danger now, what they tried, and whether they want to hear back. It asks about
 * behaviour only, never the neighbour's name or health; anonymous unless the reporter wants news.
 */
export class ReportDialog extends ComponentDialog {
  constructor(private readonly texts: Texts, private readonly reports: ReportService) {
    super(REPORT_DIALOG);
    const r = texts.report;
    this.addDialog(new TextPrompt(KIND, (prompt) => this.retryUnless(prompt, (text) => reports.kindIn(text) !== undefined)));
    this.addDialog(new TextPrompt(STORY, (prompt) => this.retryUnless(prompt, hasWords)));
    this.addDialog(new TextPrompt(WHERE, (prompt) => this.retryUnless(prompt, (text) => reports.readPlace(text).key !== undefined)));
    this.addDialog(new TextPrompt(WHEN));
    this.addDialog(new TextPrompt(DANGER, (prompt) => this.retryUnless(prompt, (text) => recognizeYesNo(text) !== undefined)));
    this.addDialog(new TextPrompt(TRIED));
    this.addDialog(new TextPrompt(FEEDBACK, (prompt) => this.retryUnless(prompt, (text) => this.wantsFeedback(text) !== undefined)));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        async (step) => {
          await step.context.sendActivity(r.intro);
          return step.prompt(KIND, { prompt: MessageFactory.suggestedActions(this.kindLabels(), r.kindQuestion), retryPrompt: MessageFactory.suggestedActions(this.kindLabels(), r.kindRetry) });
        },
        async (step) => {
          this.draft(step).kind = reports.kindIn(step.result as string) ?? 'anders';
          const story = (step.options as ReportOptions).story;
          return story ? step.next(story) : step.prompt(STORY, { prompt: r.storyQuestion, retryPrompt: r.storyRetry });
        },
        async (step) => {
          this.draft(step).story = (step.result as string).trim();
          return step.prompt(WHERE, { prompt: r.whereQuestion, retryPrompt: r.whereRetry });
        },
        async (step) => {
          this.draft(step).place = reports.readPlace(step.result as string);
          return step.prompt(WHEN, { prompt: r.whenQuestion });
        },
        async (step) => {
          const text = step.result as string;
          if (!isUnknownAnswer(text, texts)) this.draft(step).when = reports.readWhen(text);
          const choices = MessageFactory.suggestedActions(r.dangerChoices, r.dangerQuestion);
          return step.prompt(DANGER, { prompt: choices, retryPrompt: MessageFactory.suggestedActions(r.dangerChoices, r.dangerRetry) });
        },
        (step) => this.afterDanger(step),
        async (step) => {
          const text = step.result as string;
          if (!isUnknownAnswer(text, texts)) this.draft(step).tried = text.trim();
          return step.prompt(FEEDBACK, { prompt: MessageFactory.suggestedActions(r.feedbackChoices, r.feedbackQuestion) });
        },
        (step) => this.finish(step),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async afterDanger(step: WaterfallStepContext) {
    const draft = this.draft(step);
    const danger = recognizeYesNo(step.result as string);
    if (danger === true) {
      // Danger now: the numbers first, the report goes to a wijkverbinder at once; no more questions.
      draft.dangerNow = true;
      const outcome = await this.reports.submit(conversationKeyOf(step.context), { ...this.complete(draft), feedback: false });
      step.context.turnState.set(CRISIS_TURN, true);
      await step.context.sendActivity({ type: ActivityTypes.Message, text: crisisReply(this.texts, outcome.flags) });
      await step.context.sendActivity(format(this.texts.report.crisisReference, { reference: outcome.reference }));
      return step.endDialog();
    }
    draft.dangerNow = danger === false ? false : undefined;
    if (danger === undefined) await step.context.sendActivity(this.texts.danger.unclear);
    if (draft.kind && WORRY_KINDS.includes(draft.kind)) await step.context.sendActivity(this.texts.report.worry);
    return step.prompt(TRIED, { prompt: this.texts.report.triedQuestion });
  }

  private async finish(step: WaterfallStepContext) {
    const feedback = this.wantsFeedback(step.result as string) === true;
    const outcome = await this.reports.submit(conversationKeyOf(step.context), { ...this.complete(this.draft(step)), feedback });
    const r = this.texts.report;
    await step.context.sendActivity([format(r.summary, { reference: outcome.reference }), feedback ? r.summaryFeedback : r.summaryAnonymous].join('\n\n'));
    return step.endDialog(outcome);
  }

  private complete(draft: Draft): Omit<ReportDraft, 'feedback'> {
    return { ...draft, kind: draft.kind ?? 'anders', place: draft.place ?? { text: '' } };
  }

  private draft(step: WaterfallStepContext): Draft {
    const values = step.values as { draft?: Draft };
    return (values.draft ??= {});
  }

  private kindLabels(): string[] {
    return reportKinds.map((kind) => this.texts.report.kinds[kind]);
  }

  private wantsFeedback(text: string): boolean | undefined {
    const [yes, no] = this.texts.report.feedbackChoices.map((choice) => choice.toLowerCase());
    const answer = text.trim().toLowerCase();
    if (answer === yes) return true;
    if (answer === no) return false;
    return recognizeYesNo(text);
  }

  /** Asks once more when `readable` fails, then accepts what came (emoji, a guess) rather than trap the reporter. */
  private async retryUnless(prompt: PromptValidatorContext<string>, readable: (text: string) => boolean): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    return readable(text) || prompt.attemptCount >= MAX_TRIES;
  }
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
