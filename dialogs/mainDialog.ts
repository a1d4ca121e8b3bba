import type { StatePropertyAccessor } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  ConfirmPrompt,
  Dialog,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { format, type Texts } from '../src/i18n/texts';
import { detectCommand } from './commands';
import { conversationKeyOf } from './conversationKey';
import { messages } from './dialogTexts';
import { DangerCheck, type DangerAnswer, type PendingDangerCheck } from './dangerCheck';
import { configureDutchConfirm, RECOGNIZE_LOCALE } from './dutchConfirm';
import { Empathy } from './empathy';
import { ErasureStep, type PendingErasure } from './erasureStep';
import { entryRoute } from './entry';
import { acceptUnlessUnknown, INTAKE_DIALOG, IntakeDialog, type IntakeResult } from './intakeDialog';
import type { ConsentRecord, DangerScanner, IntakeService, ReportService, ResidentErasure } from './ports';
import { ReportDialog } from './report/reportDialog';
import type { VolunteerPort } from '../src/buddies/volunteerDesk';
import { Volunteering } from './volunteering';
import { VolunteerSignUpDialog } from './volunteerSignUpDialog';

export const MAIN_DIALOG = 'main';
const CONSENT_PROMPT = 'consentPrompt';
const ENTRY_PROMPT = 'entryPrompt';
const STEPS = 'mainSteps';

export interface MainDialogDeps {
  texts: Texts;
  intake: IntakeService;
  reports: ReportService;
  erasure: ResidentErasure;
  consent: StatePropertyAccessor<ConsentRecord | undefined>;
  pendingErasure: StatePropertyAccessor<PendingErasure | undefined>;
  danger: DangerScanner;
  pendingDanger: StatePropertyAccessor<PendingDangerCheck | undefined>;
  dangerAnswer: StatePropertyAccessor<DangerAnswer | undefined>;
  /** The empathy lines this conversation has heard: none is said twice. */
  empathyHeard: StatePropertyAccessor<string[] | undefined>;
  retentionDays: number;
  /** The volunteer side: sign-up, pause and stop, a buddy's check-ins. */
  volunteers: VolunteerPort;
  volunteerInvited: StatePropertyAccessor<boolean | undefined>;
  now?: () => Date;
}

/**
 * Greeting and consent, then the intake. Interruptions ("help", "opnieuw", "mens") are handled here
 * once, for every dialog below, the way core-bot's CancelAndHelpDialog does.
 */
export class MainDialog extends ComponentDialog {
  private readonly now: () => Date;
  private readonly erasure: ErasureStep;
  private readonly danger: DangerCheck;
  private readonly volunteering: Volunteering;

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(configureDutchConfirm(new ConfirmPrompt(CONSENT_PROMPT, (prompt) => this.validateConsent(prompt), RECOGNIZE_LOCALE)));
    this.addDialog(new TextPrompt(ENTRY_PROMPT, (prompt) => acceptUnlessUnknown(prompt, deps.texts)));
    this.addDialog(new IntakeDialog(deps.texts, deps.intake, new Empathy(deps.texts, deps.empathyHeard)));
    this.addDialog(new ReportDialog(deps.texts, deps.reports));
    this.addDialog(new VolunteerSignUpDialog(deps.texts, deps.volunteers, deps.retentionDays));
    this.erasure = new ErasureStep(deps.texts, deps.erasure, deps.pendingErasure);
    this.danger = new DangerCheck(deps.texts, deps.danger, deps.intake, deps.pendingDanger, deps.dangerAnswer);
    this.volunteering = new Volunteering({ texts: deps.texts, desk: deps.volunteers, invited: deps.volunteerInvited, retentionDays: deps.retentionDays });
    this.addDialog(
      new WaterfallDialog(STEPS, [
        (step) => this.askConsent(step),
        (step) => this.afterConsent(step),
        (step) => this.afterEntry(step),
        async (step) => {
          // Only an intake ends with answers and a level; after a report or a sign-up there is nothing to invite for.
          const result = step.result as IntakeResult | undefined;
          await this.volunteering.afterIntake(step, result?.answers, result?.professional ?? true);
          return step.endDialog(result);
        },
      ]),
    );
    this.initialDialogId = STEPS;
  }

  // Asking for a person or for erasure must work after the intake has ended too, not only mid-dialog;
  // "help" and "opnieuw" there simply start the conversation again.
  // The danger question comes first of all: a "no" hands the resident's own message back to the turn.
  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const answered = (await this.erasure.answer(innerDc)) ?? (await this.danger.answer(innerDc));
    if (answered) return answered;
    const command = detectCommand(innerDc.context.activity.text, this.deps.texts);
    const started = (command === 'erase' || command === 'person' ? await this.interrupt(innerDc) : undefined) ?? (await this.danger.ask(innerDc));
    return started ?? (await this.volunteering.interrupt(innerDc, false)) ?? super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (
      (await this.erasure.answer(innerDc)) ??
      (await this.danger.answer(innerDc)) ??
      (await this.interrupt(innerDc)) ??
      (await this.danger.ask(innerDc)) ??
      (await this.volunteering.interrupt(innerDc, innerDc.activeDialog?.id === INTAKE_DIALOG)) ??
      super.onContinueDialog(innerDc)
    );
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const command = detectCommand(innerDc.context.activity.text, this.deps.texts);
    const texts = this.deps.texts;
    switch (command) {
      case 'help':
        await innerDc.context.sendActivity(texts.help.text);
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'restart':
        await innerDc.context.sendActivity(texts.restart.text);
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(STEPS);
      case 'erase':
        return this.erasure.ask(innerDc);
      case 'person':
        if (await this.hasConsent(innerDc)) {
          await this.deps.intake.requestPerson(conversationKeyOf(innerDc.context));
          await innerDc.context.sendActivity(texts.person.requested);
        } else {
          await innerDc.context.sendActivity(texts.person.noConsent);
        }
        return innerDc.cancelAllDialogs();
      default:
        return undefined;
    }
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (await this.hasConsent(step)) return step.next(true);
    const texts = this.deps.texts.greeting;
    await step.context.sendActivities(messages(texts.intro, format(texts.privacy, { retentionDays: this.deps.retentionDays })));
    return step.prompt(CONSENT_PROMPT, { prompt: texts.consentQuestion, retryPrompt: texts.consentRetry, recognizeLanguage: RECOGNIZE_LOCALE });
  }

  private async afterConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const texts = this.deps.texts.greeting;
    const alreadyGiven = await this.hasConsent(step);
    await this.deps.consent.set(step.context, { given: step.result === true, at: this.now().toISOString() });
    if (step.result !== true) {
      await this.deps.intake.consentRefused();
      await step.context.sendActivities(messages(texts.consentRefused, texts.reachPerson));
      return step.endDialog(false);
    }
    if (!alreadyGiven) await step.context.sendActivity(texts.consentGiven);
    const { choices } = this.deps.texts.entry;
    const intake = this.deps.texts.intake;
    return step.prompt(ENTRY_PROMPT, { prompt: MessageFactory.suggestedActions([choices.self, choices.report, choices.volunteer], intake.wil), retryPrompt: intake.wilFollowUp });
  }

  /** Help for oneself, an overlast report or the volunteer sign-up: by a tap, or read from what the resident wrote. */
  private async afterEntry(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const route = entryRoute(step.result as string, this.deps.texts, this.deps.reports);
    return step.beginDialog(route.dialog, route.options);
  }

  private async validateConsent(prompt: PromptValidatorContext<boolean>): Promise<boolean> {
    if (prompt.recognized.succeeded) return true;
    // After two answers the bot could not read, a person is the better way forward; sending it here replaces the retry prompt.
    if (prompt.attemptCount >= 2) await prompt.context.sendActivity(this.deps.texts.greeting.consentRetryOfferPerson);
    return false;
  }

  private async hasConsent(dc: DialogContext): Promise<boolean> {
    return (await this.deps.consent.get(dc.context))?.given === true;
  }
}

/** Runs the main dialog for one turn: continue what is on the stack, or start again. */
export async function runMainDialog(dialog: MainDialog, dc: DialogContext): Promise<void> {
  const result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dc.beginDialog(dialog.id);
}
