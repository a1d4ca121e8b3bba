import { ListStyle, type ConfirmPrompt } from 'botbuilder-dialogs';

/** Yes/no is recognised in Dutch whatever locale a channel sends (Teams sends en-US). */
export const RECOGNIZE_LOCALE = 'nl-nl';

/** Dutch buttons and list wording for a yes/no question, so no English "or" slips into a prompt. */
export function configureDutchConfirm(prompt: ConfirmPrompt): ConfirmPrompt {
  prompt.style = ListStyle.suggestedAction;
  prompt.confirmChoices = ['Ja', 'Nee'];
  prompt.choiceOptions = { inlineSeparator: ', ', inlineOr: ' of ', inlineOrMore: ', of ', includeNumbers: false };
  return prompt;
}
