import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IntakeAnswers } from '../src/cases/case';
import { format, type Texts } from '../src/i18n/texts';
import { isUnknownAnswer } from './commands';
import { conversationKeyOf } from './conversationKey';
import type { Empathy } from './empathy';
import { FOLLOW_UP_DIALOG, FollowUpDialog } from './followUpDialog';
import type { IntakeService } from './ports';

export const INTAKE_DIALOG = 'intake';

/** What the intake ends with: the answers, and whether a professional takes the case. */
export interface IntakeResult {
  answers: IntakeAnswers;
  professional: boolean;
}

type Question = 'wil' | 'kan' | 'nodig';

/** How the intake starts: with the first answer already given (free text at the entry), or with another first question. */
export interface IntakeOptions {
  answer?: string;
  prompt?: string;
}
const QUESTIONS: Question[] = ['wil', 'kan', 'nodig'];

/** Wat wil je? Wat kun je? Wat heb je nodig? Free text, each saved as soon as it is given. */
export class IntakeDialog extends ComponentDialog {
  constructor(private readonly texts: Texts, private readonly intake: IntakeService, private readonly empathy: Empathy) {
    super(INTAKE_DIALOG);
    for (const question of QUESTIONS) this.addDialog(new TextPrompt(promptId(question), (prompt) => acceptUnlessUnknown(prompt, texts)));
    this.addDialog(new FollowUpDialog(intake));
    this.addDialog(
      new WaterfallDialog('intakeSteps', [
        ...QUESTIONS.map((question) => (step: WaterfallStepContext) => this.ask(step, question)),
        (step: WaterfallStepContext) => this.followUp(step),
        (step: WaterfallStepContext) => this.finish(step),
      ]),
    );
    this.initialDialogId = 'intakeSteps';
  }

  private async ask(step: WaterfallStepContext, question: Question) {
    const start = step.options as IntakeOptions | undefined;
    if (step.index === 0 && start?.answer !== undefined) return step.next(start.answer);
    await this.recordPrevious(step);
    const texts = this.texts.intake;
    const answered = typeof step.result === 'string' ? step.result : '';
    const acknowledged = answered ? await this.empathy.lineFor(step.context, this.intake.problemDomains(answered)) : undefined;
    // Its own message, just before the question: "help" or a retry repeats the question, never the acknowledgement.
    if (acknowledged) await step.context.sendActivity(acknowledged);
    return step.prompt(promptId(question), {
      prompt: step.index === 0 && start?.prompt ? start.prompt : texts[question],
      retryPrompt: texts[`${question}FollowUp`],
    });
  }

  /** When the answers look light, one more question about the domains that often come together. */
  private async followUp(step: WaterfallStepContext) {
    const answers = await this.recordPrevious(step);
    const question = this.intake.followUpFor(answers);
    return question ? step.beginDialog(FOLLOW_UP_DIALOG, { answers, question, round: 0 }) : step.next(answers);
  }

  private async finish(step: WaterfallStepContext) {
    const answers = step.result as IntakeAnswers;
    const texts = this.texts.intake;
    const outcome = await this.intake.complete(conversationKeyOf(step.context), answers);
    await step.context.sendActivities([
      { type: 'message', text: [
        texts.summaryIntro,
        format(texts.summaryWil, { answer: answers.wil ?? texts.unknownAnswer }),
        format(texts.summaryKan, { answer: answers.kan ?? texts.unknownAnswer }),
        format(texts.summaryNodig, { answer: answers.nodig ?? texts.unknownAnswer }),
        ...(answers.named?.length || answers.meer ? [format(texts.summaryMeer, { answer: [...(answers.named ?? []), ...(answers.meer ? [answers.meer] : [])].join(', ') })] : []),
      ].join('\n') },
      // A wijkverbinder takes a professional case over at once: what follows is told by the handoff, where "help" goes to that person.
      ...(outcome.professional
        ? [{ type: 'message', text: texts.nextStepHeavy }]
        : [{ type: 'message', text: texts.nextStepLight }, { type: 'message', text: texts.keepWriting }]),
    ]);
    const result: IntakeResult = { answers, professional: outcome.professional };
    return step.endDialog(result);
  }

  /** The answer to the previous question arrives as this step's result; store it before asking on. */
  private async recordPrevious(step: WaterfallStepContext): Promise<IntakeAnswers> {
    const values = step.values as { answers?: IntakeAnswers };
    const answers = (values.answers ??= {});
    const answered = QUESTIONS[step.index - 1];
    if (answered) {
      const text = step.result as string;
      answers[answered] = isUnknownAnswer(text, this.texts) ? undefined : text.trim();
      await this.intake.saveProgress(conversationKeyOf(step.context), answers);
    }
    return answers;
  }
}

/** A first "weet niet" gets a gentle follow-up; a second is accepted, with the offer of a person. */
export async function acceptUnlessUnknown(prompt: PromptValidatorContext<string>, texts: Texts): Promise<boolean> {
  if (!isUnknownAnswer(prompt.recognized.value, texts)) return true;
  if (prompt.attemptCount < 2) return false;
  await prompt.context.sendActivity(texts.intake.stillUnknown);
  return true;
}

function promptId(question: Question): string {
  return `${question}Prompt`;
}
