import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { BuddyRefusal, BuddyResult } from '../buddies/buddyService';
import { vocabulary } from '../buddies/talents';
import { volunteerStatuses } from '../buddies/volunteer';
import type { AuditAction } from '../connectors/consoleRepository';
import type { ConnectorRef } from '../handoff/ports';
import { sendError } from '../server/httpErrors';
import { buddyHistory, needsItem, suggestionItem, volunteerItem } from './buddyView';
import { closeBody, parseBody, parseCaseId, REFUSAL_STATUS } from './caseRoutes';
import type { ConsoleContext } from './context';
import { withSession } from './guard';
import { textsFor } from '../i18n/texts';

const MAX_REASON = 500;
const volunteerId = z.uuid();
const reasonBody = z.object({ reason: z.string().trim().min(1).max(MAX_REASON) }).strict();
const matchBody = z.object({ volunteerId }).strict();
const declineBody = z.object({ volunteerId, reason: z.string().trim().min(1).max(MAX_REASON) }).strict();
const screeningBody = z.object({ vog: z.enum(['checked', 'unchecked']) }).strict();
const volunteerQuery = z
  .object({
    talent: z.enum(vocabulary.talents.map((talent) => talent.id) as [string, ...string[]]).optional(),
    area: z.string().trim().min(1).max(100).optional(),
    language: z.enum(vocabulary.languages.map((language) => language.id) as [string, ...string[]]).optional(),
    status: z.enum(volunteerStatuses).optional(),
  })
  .strict();

const BUDDY_REFUSAL_STATUS: Record<BuddyRefusal, number> = {
  ...REFUSAL_STATUS,
  'not-waiting': 409,
  'volunteer-not-found': 404,
  'volunteer-unavailable': 409,
  'needs-screening': 409,
};

/**
 * The coordinator's work: light cases (claim, release, close, escalate, suggestions, confirm or
 * decline a buddy, the buddy history) and the volunteers (list, one, screening). Coordinator role
 * only; every step in the audit log, refusals included.
 */
export function registerBuddyRoutes(server: Server, ctx: ConsoleContext): void {
  const read = (handler: Parameters<typeof withSession>[2]) => withSession(ctx, { csrf: false, role: 'coordinator' }, handler);
  const change = (handler: Parameters<typeof withSession>[2]) => withSession(ctx, { csrf: true, role: 'coordinator' }, handler);
  const light = '/api/console/light/:id';

  server.post(
    `${light}/claim`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (id) await answer(ctx, res, session.connector, 'claim', id, await ctx.buddies.claim(session.connector, id));
    }),
  );

  server.post(
    `${light}/release`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (id) await answer(ctx, res, session.connector, 'release', id, await ctx.buddies.release(session.connector, id));
    }),
  );

  server.post(
    `${light}/close`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(closeBody, req, res, 'body must be {"outcome": ..., "detail": where to (required for doorverwezen)}');
      if (id && body) await answer(ctx, res, session.connector, 'close', id, await ctx.buddies.close(session.connector, id, body.outcome, body.detail));
    }),
  );

  server.post(
    `${light}/escalate`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(reasonBody, req, res, `body must be {"reason": 1 to ${MAX_REASON} characters}`);
      if (id && body) await answer(ctx, res, session.connector, 'escalate', id, await ctx.buddies.escalate(session.connector, id, body.reason));
    }),
  );

  server.get(
    `${light}/suggestions`,
    read(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (!id) return;
      const result = await ctx.buddies.suggestions(session.connector, id);
      await ctx.audit.record(session.connector, 'suggestions', result.ok ? 'ok' : result.reason, id);
      if (!result.ok) return refuse(res, result.reason);
      const value = await ctx.buddies.view(session.connector, id);
      res.json({
        needs: value.ok ? needsItem(value.value) : null,
        suggestions: result.value.suggestions.map((suggestion) => suggestionItem(suggestion, textsFor().buddy.reasons.separator)),
      });
    }),
  );

  server.get(
    `${light}/buddy`,
    read(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (!id) return;
      const value = await ctx.handoff.view(session.connector, id);
      await ctx.audit.record(session.connector, 'view', value.ok ? 'ok' : value.reason, id);
      if (!value.ok) return refuse(res, value.reason);
      res.json(await buddyHistory(ctx, value.value));
    }),
  );

  server.post(
    `${light}/match`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(matchBody, req, res, 'body must be {"volunteerId": a volunteer id}');
      if (!id || !body) return;
      const result = await ctx.buddies.confirm(session.connector, id, body.volunteerId);
      await ctx.audit.record(session.connector, 'match', result.ok ? 'ok' : result.reason, id, body.volunteerId);
      if (!result.ok) return refuse(res, result.reason);
      res.json(result.value);
    }),
  );

  server.post(
    `${light}/decline`,
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(declineBody, req, res, `body must be {"volunteerId": a volunteer id, "reason": 1 to ${MAX_REASON} characters}`);
      if (id && body) await answer(ctx, res, session.connector, 'decline', id, await ctx.buddies.decline(session.connector, id, body.volunteerId, body.reason), body.volunteerId);
    }),
  );

  server.get(
    '/api/console/volunteers',
    read(async (req, res, session) => {
      const query = volunteerQuery.safeParse(req.query ?? {});
      if (!query.success) return sendError(res, 400, 'bad_request', 'search by talent, area, language and status (see /api/console/volunteers/terms)');
      const found = await ctx.buddies.volunteersOf(session.connector, query.data);
      await ctx.audit.record(session.connector, 'volunteers', 'ok');
      res.json({ volunteers: found.map(volunteerItem) });
    }),
  );

  // The words the search offers: the editable list in locales/nl/talents.json.
  server.get(
    '/api/console/volunteers/terms',
    read(async (_req, res) => {
      const pick = (list: Array<{ id: string; label: string }>) => list.map(({ id, label }) => ({ id, label }));
      res.json({ talents: pick(vocabulary.talents), languages: pick(vocabulary.languages), statuses: volunteerStatuses });
    }),
  );

  server.get(
    '/api/console/volunteers/:vid',
    read(async (req, res, session) => {
      const vid = parseVolunteerId(req, res);
      if (!vid) return;
      const found = await ctx.buddies.volunteer(session.connector, vid);
      await ctx.audit.record(session.connector, 'volunteer-view', found.ok ? 'ok' : found.reason, undefined, vid);
      if (!found.ok) return refuse(res, found.reason);
      res.json(volunteerItem(found.value));
    }),
  );

  server.post(
    '/api/console/volunteers/:vid/screening',
    change(async (req, res, session) => {
      const vid = parseVolunteerId(req, res);
      const body = vid && parseBody(screeningBody, req, res, 'body must be {"vog": "checked" or "unchecked"}');
      if (!vid || !body) return;
      const result = await ctx.buddies.setScreening(session.connector, vid, body.vog === 'checked');
      await ctx.audit.record(session.connector, 'screening', result.ok ? 'ok' : result.reason, undefined, vid);
      if (!result.ok) return refuse(res, result.reason);
      res.json(volunteerItem(result.value));
    }),
  );
}

async function answer(ctx: ConsoleContext, res: Response, connector: ConnectorRef, action: AuditAction, id: string, result: BuddyResult, volunteer?: string): Promise<void> {
  await ctx.audit.record(connector, action, result.ok ? 'ok' : result.reason, id, volunteer);
  if (result.ok) res.send(204);
  else refuse(res, result.reason);
}

function refuse(res: Response, reason: BuddyRefusal): void {
  sendError(res, BUDDY_REFUSAL_STATUS[reason], reason, `refused: ${reason}`);
}

function parseVolunteerId(req: Request, res: Response): string | undefined {
  const id = volunteerId.safeParse(req.params.vid);
  if (id.success) return id.data;
  sendError(res, 400, 'bad_volunteer_id', 'volunteer id must be a UUID');
  return undefined;
}
