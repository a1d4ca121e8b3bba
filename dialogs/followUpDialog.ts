import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IntakeAnswers } from '../src/cases/case';
import { foldForCommands } from './commands';
import { conversationKeyOf } from './conversationKey';
import type { FollowUpQuestion, IntakeService } from './ports';
import { recognizeYesNo } from './yesNo';

export const FOLLOW_UP_DIALOG = 'followUp';
const PROMPT = 'followUpPrompt';
const STEPS = 'followUpSteps';
// A short "nee" ends the list; a longer text that starts with "nee" still says something.
const SHORT_ANSWER_WORDS = 3;

interface FollowUpState {
  answers: IntakeAnswers;
  question: FollowUpQuestion;
  round: number;
}

/**
 * One question after a light intake about the domains that often come together (money, home,
 * health, how you feel, people, safety at home): tap one or more, or write it; each tap and each
 * text counts for the triage. Ends on "Nee, verder niets" or when every choice has been tapped.
 */
export class FollowUpDialog extends ComponentDialog {
  constructor(private readonly intake: IntakeService) {
    super(FOLLOW_UP_DIALOG);
    this.addDialog(new TextPrompt(PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [(step) => this.ask(step), (step) => this.record(step)]));
    this.initialDialogId = STEPS;
  }

  private async ask(step: WaterfallStepContext) {
    const { answers, question, round } = step.options as FollowUpState;
    const open = question.choices.filter((choice) => !answers.named?.includes(choice));
    return step.prompt(PROMPT, { prompt: MessageFactory.suggestedActions([...open, question.done], round === 0 ? question.question : question.more) });
  }

  private async record(step: WaterfallStepContext) {
    const { answers, question, round } = step.options as FollowUpState;
    const text = (step.result as string).trim();
    const folded = foldForCommands(text);
    const done = folded === foldForCommands(question.done) || (recognizeYesNo(text) === false && folded.split(' ').length <= SHORT_ANSWER_WORDS);
    if (done) return step.endDialog(answers);
    const tapped = question.choices.find((choice) => foldForCommands(choice) === folded);
    const next: IntakeAnswers = tapped
      ? { ...answers, named: [...(answers.named ?? []), tapped] }
      : { ...answers, meer: answers.meer ? `${answers.meer}\n${text}` : text };
    await this.intake.saveProgress(conversationKeyOf(step.context), next);
    if (question.choices.every((choice) => next.named?.includes(choice)) || round + 1 > question.choices.length) return step.endDialog(next);
    return step.replaceDialog(STEPS, { answers: next, question, round: round + 1 });
  }
}
