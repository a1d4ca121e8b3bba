import { z } from 'zod';
import raw from './areas.json';
import { fold } from '../triage/normalize';

const areasSchema = z.object({
  postcodes: z.record(z.string().regex(/^\d{4}[A-Z]$/), z.tuple([z.number(), z.number()])),
  streets: z.record(z.string().min(1), z.string().regex(/^\d{4}[A-Z]$/)),
});
const areas = areasSchema.parse(raw);

/** A Dutch postcode as people write it: "3021 AB", "3021ab", "3021 a", or only the four digits. */
const POSTCODE = /\b(\d{4})\s?([a-z]{1,2})?\b/i;

/** A place in the wijk as far as matching needs it: the area key found, if any, and the words given. */
export interface Area {
  /** What the person wrote (a postcode or street), trimmed. */
  given: string;
  /** The PC5 key of areas.json, or the 4 digits when only those were given or the area is not in the file. */
  postcode?: string;
}

/** Reads a postcode or a known street from free text ("Schiedamseweg 12", "3021 ab"). */
export function areaIn(text: string): Area | undefined {
  const given = text.trim().slice(0, 100);
  const match = POSTCODE.exec(text);
  if (match) return { given, postcode: match[2] ? `${match[1]}${match[2][0].toUpperCase()}` : match[1] };
  const folded = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const street = Object.keys(areas.streets).find((name) => folded.includes(` ${name} `));
  return street ? { given, postcode: areas.streets[street] } : undefined;
}

const EARTH_M = 6_371_000;

/** Metres between two areas of the file (a straight line between approximate centres); undefined when either is not in it. */
export function distanceMetres(a: string | undefined, b: string | undefined): number | undefined {
  const from = a ? areas.postcodes[a] : undefined;
  const to = b ? areas.postcodes[b] : undefined;
  if (!from || !to) return undefined;
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(to[0] - from[0]);
  const dLon = rad(to[1] - from[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(from[0])) * Math.cos(rad(to[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(h));
}
