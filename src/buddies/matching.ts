import type { IntakeCase } from '../cases/case';
import { format, type Texts } from '../i18n/texts';
import { areaIn, distanceMetres } from './area';
import { joinDutch, labelsOf, languagesIn, talentById, talentsIn, vocabulary } from './talents';
import type { Volunteer } from './volunteer';

/** What a light case asks for, as read from the resident's own answers. */
export interface CaseNeeds {
  talents: string[];
  /** Languages other than Dutch the resident names. */
  languages: string[];
  postcode?: string;
  /** A volunteer with a checked VOG is required (see needsScreening). */
  screening: boolean;
}

export interface Suggestion {
  volunteer: Volunteer;
  score: number;
  /** Each reason as a short Dutch phrase ("kookt graag", "woont 300 m verderop", "spreekt Turks"). */
  reasons: string[];
  screened: boolean;
  /** False when the case needs screening and this volunteer's VOG was not seen: shown, but not to be confirmed. */
  confirmable: boolean;
}

const SUGGESTIONS = 3;
// A shared need weighs most; then a language the resident speaks; then being close; availability and screening only break ties.
const WEIGHT = { talent: 10, language: 6, near: 4, close: 3, wijk: 1, perDay: 0.2, screened: 0.5 } as const;
const NEAR_M = 500;
const CLOSE_M = 1000;
const WIJK_M = 2000;

function residentTexts(value: IntakeCase): string {
  const { wil, nodig, meer, kan } = value.answers;
  return [wil, nodig, meer, kan].filter(Boolean).join('\n');
}

/**
 * Help inside someone's home or with their papers and money needs a checked VOG; so does a case
 * whose need could not be read, since nobody knows yet what the help will be.
 */
export function needsScreening(talents: string[]): boolean {
  return talents.length === 0 || talents.some((id) => talentById(id)?.homeVisit === true);
}

export function needsOf(value: IntakeCase): CaseNeeds {
  // What the resident can do themselves ("kan") is no need; where they live and what they speak may be in any answer.
  const { wil, nodig, meer } = value.answers;
  const talents = talentsIn([wil, nodig, meer].filter(Boolean).join('\n'));
  const all = residentTexts(value);
  return {
    talents,
    languages: languagesIn(all).filter((language) => language !== 'nederlands'),
    postcode: areaIn(all)?.postcode,
    screening: needsScreening(talents),
  };
}

/** Rounded to 100 m, never "0 m": the coordinates are approximate (see areas.json). */
function roundedMetres(metres: number): number {
  return Math.max(100, Math.round(metres / 100) * 100);
}

export function suggestVolunteers(value: IntakeCase, volunteers: Volunteer[], texts: Texts, excluded: Set<string> = new Set()): Suggestion[] {
  const needs = needsOf(value);
  const words = texts.buddy.reasons;
  return volunteers
    .filter((volunteer) => volunteer.status === 'active' && !excluded.has(volunteer.id))
    .map((volunteer) => {
      const reasons: string[] = [];
      let score = 0;
      for (const id of needs.talents.filter((talent) => volunteer.talents.includes(talent))) {
        score += WEIGHT.talent;
        reasons.push(talentById(id)!.reason);
      }
      const distance = distanceMetres(needs.postcode, volunteer.area.postcode);
      if (distance !== undefined && distance <= WIJK_M) {
        score += distance <= NEAR_M ? WEIGHT.near : distance <= CLOSE_M ? WEIGHT.close : WEIGHT.wijk;
        reasons.push(format(words.distance, { metres: roundedMetres(distance) }));
      }
      for (const language of needs.languages.filter((id) => volunteer.languages.includes(id))) {
        score += WEIGHT.language;
        reasons.push(format(words.language, { language: labelsOf([language], vocabulary.languages)[0] }));
      }
      if (volunteer.days.length > 0) {
        score += Math.min(volunteer.days.length, 5) * WEIGHT.perDay;
        const days = joinDutch(labelsOf(volunteer.days, vocabulary.days));
        const parts = joinDutch(labelsOf(volunteer.dayParts, vocabulary.dayParts));
        reasons.push(parts ? format(words.availabilityParts, { days, parts }) : format(words.availability, { days }));
      }
      const screened = volunteer.screening.vog === 'checked';
      if (screened) score += WEIGHT.screened;
      return { volunteer, score, reasons, screened, confirmable: screened || !needs.screening };
    })
    .sort((a, b) => b.score - a.score || a.volunteer.name.localeCompare(b.volunteer.name) || a.volunteer.id.localeCompare(b.volunteer.id))
    .slice(0, SUGGESTIONS);
}
