import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Texts } from '../src/i18n/texts';

export const VOLUNTEER_SIGNUP_DIALOG = 'volunteerSignUp';

/** "Iets doen voor de buurt": for now it tells where signing up goes, and ends. */
export class VolunteerSignUpDialog extends ComponentDialog {
  constructor(texts: Texts) {
    super(VOLUNTEER_SIGNUP_DIALOG);
    this.addDialog(
      new WaterfallDialog('volunteerSignUpSteps', [
        async (step) => {
          await step.context.sendActivity(texts.volunteer.comingSoon);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'volunteerSignUpSteps';
  }
}
