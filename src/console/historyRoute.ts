import type { Server } from 'restify';
import { z } from 'zod';
import { amsterdamTime } from '../handoff/officeHours';
import { sendError } from '../server/httpErrors';
import { historyItem, lastChangeOf } from './caseView';
import type { ConsoleContext } from './context';
import { withSession } from './guard';
import { namesFrom } from './names';

export const HISTORY_PAGE_SIZE = 20;

const day = z.iso.date();
const historyQuery = z
  .object({
    // "Bewoner K7F3Q", "k7f3" or part of it: the code is what counts.
    q: z
      .string()
      .max(40)
      .regex(/^[\p{L}\p{N} ]*$/u)
      .transform((text) => text.toUpperCase().replace(/^\s*BEWONER\s*/, '').replace(/\s+/g, ''))
      .optional(),
    from: day.optional(),
    to: day.optional(),
    mine: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  })
  .strict()
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'from must not be after to' });

const USAGE = 'query may hold q (a resident code), from and to (YYYY-MM-DD, from ≤ to), mine (true/false) and page (1 to 1000)';

/**
 * Recent cases of the connector's own team (need-to-know, as the queue), closed ones included, so a
 * case stays findable after it leaves the queue: by resident code, by date (Amsterdam calendar day
 * of its last change), or only the connector's own. Every search is a look at cases: audited.
 */
export function registerHistoryRoute(server: Server, ctx: ConsoleContext): void {
  server.get(
    '/api/console/history',
    withSession(ctx, { csrf: false }, async (req, res, session) => {
      const query = historyQuery.safeParse(req.query ?? {});
      if (!query.success) {
        await ctx.audit.record(session.connector, 'history', 'bad-query');
        return sendError(res, 400, 'bad_request', USAGE);
      }
      const { q, from, to, mine, page } = query.data;
      const dayOf = (at: string) => amsterdamTime(new Date(at)).date;
      const found = (await ctx.handoff.history(session.connector))
        .filter((value) => mine !== 'true' || value.claimedBy === session.connector.id)
        .filter((value) => !q || ctx.pseudonymOf(value.residentKey).includes(q))
        .filter((value) => (from === undefined || dayOf(lastChangeOf(value)) >= from) && (to === undefined || dayOf(lastChangeOf(value)) <= to));
      const start = (page - 1) * HISTORY_PAGE_SIZE;
      const nameOf = namesFrom(ctx);
      const cases = await Promise.all(found.slice(start, start + HISTORY_PAGE_SIZE).map((value) => historyItem(value, nameOf, ctx.pseudonymOf)));
      await ctx.audit.record(session.connector, 'history', 'ok');
      res.json({ cases, page, hasMore: found.length > start + HISTORY_PAGE_SIZE });
    }),
  );
}
