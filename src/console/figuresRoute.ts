import type { Server } from 'restify';
import { z } from 'zod';
import { weeklyFigures } from '../figures/figures';
import { figuresCsv, presentFigures } from '../figures/present';
import { isoWeekOfDate } from '../figures/week';
import { amsterdamTime } from '../handoff/officeHours';
import { sendError } from '../server/httpErrors';
import type { ConsoleContext } from './context';
import { withSession } from './guard';

const DEFAULT_WEEKS = 12;
const MAX_DAYS = 3 * 366;

const day = z.iso.date();
const figuresQuery = z
  .object({ from: day.optional(), to: day.optional(), format: z.enum(['json', 'csv']).default('json') })
  .strict()
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'from must not be after to' })
  .refine((query) => query.from === undefined || query.to === undefined || daysBetween(query.from, query.to) <= MAX_DAYS, { message: 'at most three years' });

const USAGE = 'query may hold from and to (YYYY-MM-DD, from ≤ to, at most three years apart) and format (json or csv)';

/**
 * The pilot's figures of the coordinator's own team (need-to-know), per ISO week in Amsterdam, with
 * small counts suppressed; as JSON for the page or as CSV for the evaluation. The default team's
 * figures also hold the cases no team took up (light cases) and the consent refusals. Every view is audited.
 */
export function registerFiguresRoute(server: Server, ctx: ConsoleContext): void {
  server.get(
    '/api/console/figures',
    withSession(ctx, { csrf: false, role: 'coordinator' }, async (req, res, session) => {
      const query = figuresQuery.safeParse(req.query ?? {});
      if (!query.success) {
        await ctx.audit.record(session.connector, 'figures', 'bad-query');
        return sendError(res, 400, 'bad_request', USAGE);
      }
      const to = query.data.to ?? amsterdamTime(ctx.now()).date;
      const from = query.data.from ?? shiftDays(to, -7 * (DEFAULT_WEEKS - 1));
      const team = session.connector.team;
      const teams = team === ctx.defaultTeam ? [team, ''] : [team];
      const figures = presentFigures(await weeklyFigures(ctx.stores.figures, { teams, fromWeek: isoWeekOfDate(from), toWeek: isoWeekOfDate(to) }));
      await ctx.audit.record(session.connector, 'figures', query.data.format === 'csv' ? 'csv' : 'ok');
      if (query.data.format === 'csv') {
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="cijfers-${team.replace(/[^\w-]/g, '_')}-${from}-${to}.csv"`,
          'Cache-Control': 'no-store',
        });
        res.end(figuresCsv(figures));
        return;
      }
      res.json({ team, from, to, ...figures });
    }),
  );
}

function shiftDays(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / (24 * 60 * 60 * 1000);
}
