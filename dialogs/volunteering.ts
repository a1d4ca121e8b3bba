import { MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import { type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { IntakeAnswers } from '../src/cases/case';
import { checkInKinds, type CheckInKind } from '../src/cases/case';
import type { VolunteerPort } from '../src/buddies/volunteerDesk';
import { talentsIn } from '../src/buddies/talents';
import { format, type Texts } from '../src/i18n/texts';
import { foldForCommands } from './commands';
import { conversationKeyOf } from './conversationKey';
import { VOLUNTEER_SIGNUP_DIALOG } from './volunteerSignUpDialog';

type VolunteerCommand = 'volunteer' | 'volunteerStop' | 'volunteerPause' | 'volunteerResume' | 'handBack' | 'anotherBuddy' | CheckInKind;

const MAX_COMMAND_WORDS = 8;

/**
 * Volunteer commands work like the other commands: only as the whole message, or ("ik wil
 * vrijwilliger worden") as a short sentence containing a phrase of several words.
 */
export function detectVolunteerCommand(text: string | undefined, texts: Texts): VolunteerCommand | undefined {
  const folded = foldForCommands(text ?? '');
  if (!folded) return undefined;
  const short = folded.split(' ').length <= MAX_COMMAND_WORDS;
  const says = (phrases: string[]) => phrases.some((phrase) => folded === phrase || (short && phrase.includes(' ') && ` ${folded} `.includes(` ${phrase} `)));
  const c = texts.commands;
  // Stopping, pausing and coming back name "vrijwilliger" too: they are checked before the sign-up itself.
  for (const command of ['volunteerStop', 'volunteerPause', 'volunteerResume', 'handBack', 'anotherBuddy', 'volunteer'] as const) if (says(c[command])) return command;
  // A check-in is a tap on one of its buttons: a resident's answer "zorgen" in the intake is no check-in (see interrupt).
  return checkInKinds.find((kind) => c.checkIn[kind].includes(folded));
}

export interface VolunteeringDeps {
  texts: Texts;
  desk: VolunteerPort;
  /** Whether this person has been invited to volunteer after their intake: it happens once. */
  invited: StatePropertyAccessor<boolean | undefined>;
  retentionDays: number;
}

/** The main dialog's volunteer side: its commands, and the one polite invitation after a "Wat kun je?" that shows something to offer. */
export class Volunteering {
  constructor(private readonly deps: VolunteeringDeps) {}

  /** Handles a volunteer command; undefined leaves the message to the dialog (an intake answer is never taken for a command). */
  async interrupt(dc: DialogContext, inIntake: boolean): Promise<DialogTurnResult | undefined> {
    const { texts, desk } = this.deps;
    const command = detectVolunteerCommand(dc.context.activity.text, texts);
    if (!command || inIntake || dc.activeDialog?.id === VOLUNTEER_SIGNUP_DIALOG) return undefined;
    const who = conversationKeyOf(dc.context);
    const v = texts.volunteer;
    const reply = async (text: string) => {
      await dc.context.sendActivity(text);
      return dc.cancelAllDialogs();
    };
    switch (command) {
      case 'volunteer':
        await dc.cancelAllDialogs();
        return dc.beginDialog(VOLUNTEER_SIGNUP_DIALOG);
      case 'volunteerStop':
        return reply((await desk.setStatus(who, 'stopped')) ? format(v.stopped, { retentionDays: this.deps.retentionDays }) : v.notVolunteer);
      case 'volunteerPause':
        return reply((await desk.setStatus(who, 'paused')) ? v.paused : v.notVolunteer);
      case 'volunteerResume':
        return reply((await desk.setStatus(who, 'active')) ? v.resumed : v.notVolunteer);
      case 'handBack':
        return reply((await desk.handBack(who)) === 'recorded' ? texts.buddy.handedBack : texts.buddy.notBuddy);
      case 'anotherBuddy':
        return reply((await desk.anotherBuddy(who)) === 'asked' ? texts.buddy.anotherAsked : texts.buddy.anotherNone);
      default:
        if ((await desk.checkIn(who, command)) === 'not-buddy') return undefined;
        return reply(texts.buddy.checkInThanks[command]);
    }
  }

  /**
   * After a light intake the coordinators hear a case waits; and when its "Wat kun je?" names a
   * talent, one invitation with a button: never again, never after a heavy one.
   */
  async afterIntake(dc: DialogContext, answers: IntakeAnswers | undefined, professional: boolean): Promise<void> {
    const { texts, desk, invited } = this.deps;
    if (!professional) await desk.lightIntakeDone(conversationKeyOf(dc.context));
    if (professional || !answers?.kan || talentsIn(answers.kan).length === 0 || (await invited.get(dc.context))) return;
    if (await desk.find(conversationKeyOf(dc.context))) return;
    await invited.set(dc.context, true);
    await dc.context.sendActivity(MessageFactory.suggestedActions([texts.volunteer.inviteChoice], texts.volunteer.invite));
  }
}
