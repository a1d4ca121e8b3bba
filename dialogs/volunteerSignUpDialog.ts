import { MessageFactory } from 'botbuilder';
import { ComponentDialog, ConfirmPrompt, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { areaIn } from '../src/buddies/area';
import { contactWays, type ContactWay } from '../src/buddies/volunteer';
import type { VolunteerDetails, VolunteerPort } from '../src/buddies/volunteerDesk';
import { dayPartsIn, daysIn, joinDutch, labelsOf, languagesIn, talentsIn, vocabulary } from '../src/buddies/talents';
import { format, type Texts } from '../src/i18n/texts';
import { foldForCommands, isUnknownAnswer } from './commands';
import { conversationKeyOf } from './conversationKey';
import { configureDutchConfirm, RECOGNIZE_LOCALE } from './dutchConfirm';

export const VOLUNTEER_SIGNUP_DIALOG = 'volunteerSignUp';

const STEPS = 'volunteerSteps';
const NAME = 'volunteerName';
const TALENTS = 'volunteerTalents';
const DAYS = 'volunteerDays';
const PARTS = 'volunteerParts';
const AREA = 'volunteerArea';
const LANGUAGES = 'volunteerLanguages';
const CONTACT = 'volunteerContact';
const CONSENT = 'volunteerConsent';
const MAX_NAME = 60;
const MAX_AREA = 100;
const MAX_TALENT_TEXT = 2000;
// After this many answers the bot could not map to the list, the words are kept as they are: the coordinator reads them.
const LIST_ATTEMPTS = 2;

type Draft = Partial<VolunteerDetails>;

/**
 * "Iets doen voor de buurt": name, talents (free text mapped to the list in locales/nl/talents.json),
 * days and parts of day, area, languages, how to be contacted, then consent before anything is kept.
 */
export class VolunteerSignUpDialog extends ComponentDialog {
  constructor(
    private readonly texts: Texts,
    desk: VolunteerPort,
    retentionDays: number,
  ) {
    super(VOLUNTEER_SIGNUP_DIALOG);
    const v = texts.volunteer;
    this.addDialog(new TextPrompt(NAME, async (prompt) => this.isName(prompt.recognized.value)));
    this.addDialog(new TextPrompt(TALENTS, async (prompt) => this.listAnswer(prompt, talentsIn, true)));
    this.addDialog(new TextPrompt(DAYS, async (prompt) => this.listAnswer(prompt, daysIn, false)));
    this.addDialog(new TextPrompt(PARTS, async (prompt) => this.listAnswer(prompt, dayPartsIn, false)));
    this.addDialog(new TextPrompt(AREA, async (prompt) => (prompt.recognized.value ?? '').trim().length >= 2 && !isUnknownAnswer(prompt.recognized.value, texts)));
    this.addDialog(new TextPrompt(LANGUAGES, async (prompt) => this.listAnswer(prompt, languagesIn, false)));
    this.addDialog(new TextPrompt(CONTACT, async (prompt) => contactIn(prompt.recognized.value, texts) !== undefined));
    this.addDialog(configureDutchConfirm(new ConfirmPrompt(CONSENT, undefined, RECOGNIZE_LOCALE)));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        async (step) => {
          const earlier = await desk.find(conversationKeyOf(step.context));
          await step.context.sendActivity(earlier ? v.already : v.intro);
          return step.prompt(NAME, { prompt: v.name, retryPrompt: v.nameRetry });
        },
        async (step) => {
          draft(step).name = (step.result as string).trim();
          const talentChoices = vocabulary.talents.map((talent) => talent.label);
          return step.prompt(TALENTS, { prompt: v.talents, retryPrompt: MessageFactory.suggestedActions(talentChoices, v.talentsUnknown) });
        },
        async (step) => {
          const text = (step.result as string).trim().slice(0, MAX_TALENT_TEXT);
          const talents = talentsIn(text);
          Object.assign(draft(step), { talents, talentText: text });
          if (talents.length > 0) await step.context.sendActivity(format(v.talentsHeard, { talents: joinDutch(labelsOf(talents, vocabulary.talents)) }));
          const groups = ['doordeweeks', 'weekend', 'maakt niet uit'];
          return step.prompt(DAYS, { prompt: MessageFactory.suggestedActions(groups, v.days), retryPrompt: v.daysRetry });
        },
        async (step) => {
          draft(step).days = daysIn(step.result as string);
          return step.prompt(PARTS, { prompt: MessageFactory.suggestedActions(v.dayPartChoices, v.dayParts), retryPrompt: MessageFactory.suggestedActions(v.dayPartChoices, v.dayPartsRetry) });
        },
        async (step) => {
          draft(step).dayParts = dayPartsIn(step.result as string);
          return step.prompt(AREA, { prompt: v.area, retryPrompt: v.areaRetry });
        },
        async (step) => {
          const given = (step.result as string).trim().slice(0, MAX_AREA);
          draft(step).area = areaIn(given) ?? { given };
          const common = ['Nederlands', 'Engels', 'Turks', 'Arabisch'];
          return step.prompt(LANGUAGES, { prompt: MessageFactory.suggestedActions(common, v.languages), retryPrompt: v.languagesRetry });
        },
        async (step) => {
          draft(step).languages = languagesIn(step.result as string);
          const choices = Object.values(v.contactChoices);
          return step.prompt(CONTACT, { prompt: MessageFactory.suggestedActions(choices, v.contact), retryPrompt: MessageFactory.suggestedActions(choices, v.contactRetry) });
        },
        async (step) => {
          const details = draft(step);
          details.contact = contactIn(step.result as string, texts);
          await step.context.sendActivity(this.summary(details as VolunteerDetails));
          return step.prompt(CONSENT, { prompt: format(v.consent, { retentionDays }), retryPrompt: v.consentRetry, recognizeLanguage: RECOGNIZE_LOCALE });
        },
        async (step) => {
          if (step.result !== true) {
            await step.context.sendActivity(v.notSaved);
            return step.endDialog(false);
          }
          await desk.register(conversationKeyOf(step.context), draft(step) as VolunteerDetails);
          await step.context.sendActivity(v.saved);
          return step.endDialog(true);
        },
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private isName(text: string | undefined): boolean {
    const name = (text ?? '').trim();
    return name.length > 0 && name.length <= MAX_NAME && !isUnknownAnswer(name, this.texts) && /\p{L}/u.test(name);
  }

  /** An answer counts when the list knows a word of it; after a few tries free words are taken as they are (talents) or asked again (the rest). */
  private async listAnswer(prompt: PromptValidatorContext<string>, read: (text: string) => string[], freeAfterTries: boolean): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (read(text).length > 0) return true;
    return freeAfterTries && prompt.attemptCount >= LIST_ATTEMPTS && text.trim().length > 0 && !isUnknownAnswer(text, this.texts);
  }

  private summary(details: VolunteerDetails): string {
    const v = this.texts.volunteer;
    const days = joinDutch(labelsOf(details.days, vocabulary.days));
    const parts = joinDutch(labelsOf(details.dayParts, vocabulary.dayParts));
    return format(v.summary, {
      name: details.name,
      talents: details.talents.length > 0 ? joinDutch(labelsOf(details.talents, vocabulary.talents)) : details.talentText,
      when: [days, parts].filter(Boolean).join(', '),
      area: details.area.given,
      languages: joinDutch(labelsOf(details.languages, vocabulary.languages)),
      contact: v.contactChoices[details.contact],
    });
  }
}

function draft(step: WaterfallStepContext): Draft {
  const values = step.values as { draft?: Draft };
  return (values.draft ??= {});
}

function contactIn(text: string | undefined, texts: Texts): ContactWay | undefined {
  const folded = foldForCommands(text ?? '');
  return contactWays.find((way) => foldForCommands(texts.volunteer.contactChoices[way]) === folded || folded === way);
}
