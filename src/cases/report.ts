import { z } from 'zod';
import { placeSchema } from '../reports/address';
import { whenSchema } from '../reports/timePhrases';

/** What a neighbour can report; the labels residents see are in locales (report.kinds). */
export const reportKinds = ['geluid', 'stank-vervuiling', 'verward-gedrag', 'agressie-dreiging', 'drugs', 'brandgevaar', 'verwaarlozing', 'anders'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** The flag a report's kind gives the case: its evidence is the kind as the reporter tapped it. */
export function reportSignal(kind: ReportKind): string {
  return `report-${kind}`;
}

export function reportKindOfSignal(signal: string): ReportKind | undefined {
  return reportKinds.find((kind) => reportSignal(kind) === signal);
}

/**
 * An overlast report, kept on its case beside the intake answers. Only what the next step needs:
 * behaviour in the reporter's words, where and since when; never the neighbour's name or health.
 */
export const reportSchema = z.object({
  /** Short and said to the reporter, so they can refer to it. */
  reference: z.string().min(1),
  kind: z.enum(reportKinds),
  story: z.string().optional(),
  place: placeSchema,
  when: whenSchema.optional(),
  dangerNow: z.boolean().optional(),
  tried: z.string().optional(),
  /** The reporter wants to hear on their channel when the status changes. */
  feedback: z.boolean(),
  /** Different reporters about the same address within the window, this one included, when it was made. */
  reportersAtAddress: z.number().int().min(1).optional(),
});
export type Report = z.infer<typeof reportSchema>;
