import { z } from 'zod';

/** Where a report is about, as far as the reporter's words tell it; `key` links reports about the same home. */
export const placeSchema = z.object({
  text: z.string(),
  postcode: z.string().optional(),
  street: z.string().optional(),
  number: z.number().int().optional(),
  /** A letter or word after the number ("b", "bis", "hs"), folded. */
  addition: z.string().optional(),
  /** 0 for the ground floor. */
  floor: z.number().int().optional(),
  building: z.string().optional(),
  key: z.string().optional(),
});
export type Place = z.infer<typeof placeSchema>;

const POSTCODE = /\b([1-9]\d{3})\s?(?!sa|sd|ss)([a-z]{2})\b/;
// A number with what may follow it: 12b, 12-B, 12 bis, 12-3, 12 III, 12 hs.
const HOUSE_NUMBER = /(\d{1,5})(?:\s*-\s*|\s+)?(bis|hs|huis|iii|ii|iv|i|[a-z](?![a-z])|\d{1,2}(?=\s*hoog|\b))?/y;
const FLOOR = /\b(\d{1,2})\s*(?:-\s*)?(?:hoog|e|ste|de)?\s*(?:hoog|verdieping|etage)\b|\b(\d{1,2})\s*-?\s*hoog\b/;
const FLOOR_WORDS = /\b(begane grond|parterre|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde)\s+(?:verdieping|etage)\b|\b(begane grond|parterre)\b/;
const ORDINALS = ['begane grond', 'eerste', 'tweede', 'derde', 'vierde', 'vijfde', 'zesde', 'zevende', 'achtste', 'negende', 'tiende', 'elfde', 'twaalfde'];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const FLAT = /\bflat\s+(?!(?:op|in|met|bij|van|is|waar)\b)((?:[a-z][a-z'-]*\s?){1,4}?)(?=\s*(?:,|\.|$|\bop\b|\bnr\b|\bnummer\b|\d|\b(?:begane|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\b))/;
const STREET_SUFFIX = /(straat|weg|laan|plein|kade|singel|dijk|hof|pad|gracht|park|dreef|steeg|plaats|markt|baan|dam|burg|wal|haven|veld|erf|hoek|boulevard|allee|lei|tuin|zijde|str)$/;
// Words that are part of a street name when they come before it ("Grote Visserijstraat", "Van der Takstraat").
const NAME_WORDS = new Set(['van', 'der', 'den', 'de', 'het', 't', 'grote', 'kleine', 'nieuwe', 'oude', 'lange', 'korte', 'eerste', 'tweede', 'derde', 'sint', 'st', 'dr', 'mr', 'prof']);
const NUMBER_LEAD = /\b(?:nr|nummer|huisnummer|no)\.?\s*$/;

/**
 * Reads a Dutch address from free text: postcode (1234 AB), street and house number with an addition
 * (12-B, 12b, 12 bis, 12-3, 12 III), a floor (3 hoog, 4e verdieping, op de vierde verdieping) and a
 * flat's name. The key links reports about one home whatever way it was written; without a street,
 * postcode or flat there is no key, because "nr 12" alone does not say which building.
 */
export function readPlace(text: string): Place {
  const folded = lowerPlain(text).replace(/[^\p{L}\p{N}\s,.'-]/gu, ' ').replace(/\s+/g, ' ').trim();
  const place: Place = { text: text.trim() };
  const postcode = POSTCODE.exec(folded);
  if (postcode) place.postcode = `${postcode[1]}${postcode[2]}`;
  const building = FLAT.exec(folded);
  if (building) place.building = building[1].trim().replace(/\s+/g, ' ');
  const floor = readFloor(folded);
  const house = readHouseNumber(folded, postcode);
  if (house) Object.assign(place, house);
  if (floor !== undefined) place.floor = floor;
  place.key = keyOf(place);
  return dropEmpty(place);
}

/** Whether the text names a home precisely enough to link reports about it. */
export function isRecognisedPlace(place: Place): boolean {
  return place.key !== undefined;
}

function readFloor(folded: string): number | undefined {
  const digits = FLOOR.exec(folded);
  if (digits) return Number(digits[1] ?? digits[2]);
  const words = FLOOR_WORDS.exec(folded);
  if (!words) return undefined;
  const word = words[1] ?? words[2];
  return word === 'parterre' ? 0 : ORDINALS.indexOf(word);
}

function readHouseNumber(folded: string, postcode: RegExpExecArray | null): Pick<Place, 'street' | 'number' | 'addition' | 'floor'> | undefined {
  for (const match of folded.matchAll(/(?<![\p{L}\p{N}])\d{1,5}(?!\d)/gu)) {
    const at = match.index;
    // The digits of the postcode, and a floor ("3 hoog", "4e verdieping"), are no house number.
    if (postcode && at >= postcode.index && at < postcode.index + postcode[0].length) continue;
    const after = folded.slice(at + match[0].length);
    if (/^\s*(?:-\s*)?(?:hoog|e\b|ste\b|de\b|verdieping|etage)/.test(after)) continue;
    const before = folded.slice(0, at);
    const street = streetBefore(before);
    if (!street && !NUMBER_LEAD.test(before) && !postcode) continue;
    HOUSE_NUMBER.lastIndex = at;
    const parts = HOUSE_NUMBER.exec(folded);
    if (!parts) continue;
    const result: Pick<Place, 'street' | 'number' | 'addition' | 'floor'> = { number: Number(parts[1]) };
    if (street) result.street = street;
    const addition = parts[2];
    if (addition && /^\d+$/.test(addition)) result.floor = Number(addition);
    else if (addition && addition in ROMAN) result.floor = ROMAN[addition];
    else if (addition) result.addition = addition === 'huis' ? 'hs' : addition;
    return result;
  }
  return undefined;
}

/** The street name right before a number: a word with a street ending, with the name words before it. */
function streetBefore(before: string): string | undefined {
  const words = before.replace(/[,.]/g, ' ').trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  if (!last || !STREET_SUFFIX.test(last) || last.length < 5) return undefined;
  const name = [last];
  for (let i = words.length - 2; i >= 0 && NAME_WORDS.has(words[i]); i--) name.unshift(words[i]);
  // "aan de Schiedamseweg": a leading article belongs to the sentence, not the name.
  while (name.length > 1 && (name[0] === 'de' || name[0] === 'het')) name.shift();
  return name.join(' ').replace(/str$/, 'straat');
}

function keyOf(place: Place): string | undefined {
  const unit = `${place.addition ?? ''}${place.floor !== undefined ? `-${place.floor}` : ''}`;
  if (place.postcode && place.number !== undefined) return `${place.postcode} ${place.number}${unit}`;
  if (place.street && place.number !== undefined) return `${place.street} ${place.number}${unit}`;
  if (place.building) return `flat ${place.building}${place.number !== undefined ? ` ${place.number}` : ''}${unit}`;
  return undefined;
}

function dropEmpty(place: Place): Place {
  return Object.fromEntries(Object.entries(place).filter(([name, value]) => name === 'text' || (value !== undefined && value !== ''))) as Place;
}

/** Lowercase without accents; unlike the triage's fold it keeps repeated letters (a floor "III"). */
function lowerPlain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
