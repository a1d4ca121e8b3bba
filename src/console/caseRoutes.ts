import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { IntakeCase } from '../cases/case';
import { closeOutcomes, type ConnectorRef, type HandoffRefusal, type HandoffResult } from '../handoff/ports';
import { sendError } from '../server/httpErrors';
import type { AuditAction } from '../connectors/consoleRepository';
import type { ConsoleContext } from './context';
import { withSession } from './guard';
import { caseDetail, queueItem, transcriptOf } from './caseView';
import { namesFrom } from './names';
import { roleOf } from '../connectors/consoleRepository';
import { lightQueue } from './buddyView';

const MAX_TEXT = 4000;
const caseId = z.uuid();
export const textBody = z.object({ text: z.string().trim().min(1).max(MAX_TEXT) }).strict();
export const closeBody = z
  .object({ outcome: z.enum(closeOutcomes), detail: z.string().trim().min(1).max(200).optional() })
  .strict()
  .refine((body) => body.outcome !== 'doorverwezen' || body.detail !== undefined, { message: 'detail (where to) is required for doorverwezen' });

export const REFUSAL_STATUS: Record<HandoffRefusal, number> = {
  'not-found': 404,
  'wrong-team': 403,
  'not-claimable': 409,
  'already-claimed': 409,
  'not-yours': 409,
  'not-claimed': 409,
  closed: 409,
  'unsafe-channel': 409,
  'window-closed': 409,
  'no-invite': 409,
  'not-delivered': 502,
};

/** The queue and everything a connector does with one case; every step goes through HandoffService and into the audit log. */
export function registerCaseRoutes(server: Server, ctx: ConsoleContext): void {
  const read = (handler: Parameters<typeof withSession>[2]) => withSession(ctx, { csrf: false }, handler);
  const change = (handler: Parameters<typeof withSession>[2]) => withSession(ctx, { csrf: true }, handler);

  server.get(
    '/api/console/queue',
    read(async (_req, res, session, account) => {
      const entries = await ctx.handoff.queue(session.connector.team);
      const nameOf = namesFrom(ctx);
      // A coordinator also sees the team's light cases that wait for a volunteer buddy.
      const light = roleOf(account) === 'coordinator' ? { light: await lightQueue(ctx, session.connector.team) } : {};
      // The server's time, so the page measures waiting from it and not from a connector's clock that may be off.
      res.json({ cases: await Promise.all(entries.map((entry) => queueItem(entry, nameOf, ctx.pseudonymOf))), ...light, serverTime: ctx.now().toISOString() });
    }),
  );

  server.get(
    '/api/console/cases/:id',
    read(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const value = id && (await viewCase(ctx, res, session.connector, 'view', id));
      if (!value) return;
      const file = await ctx.handoff.caseFile(session.connector, value.id);
      if (!file.ok) return refuse(res, file.reason);
      const transcript = transcriptOf(file.value.activities, file.value.value);
      const previous = file.value.previous;
      const detail = await caseDetail(file.value.value, transcript, previous, namesFrom(ctx), ctx.pseudonymOf, ctx.signalLabel, file.value.linked);
      res.json({ ...detail, replyWindow: ctx.handoff.replyWindow(file.value.value) ?? null });
    }),
  );

  server.post(
    '/api/console/cases/:id/claim',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (id) await answer(ctx, res, session.connector, 'claim', id, await ctx.handoff.claim(session.connector, id));
    }),
  );

  server.post(
    '/api/console/cases/:id/messages',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(textBody, req, res, `body must be {"text": 1 to ${MAX_TEXT} characters}`);
      if (id && body) await answer(ctx, res, session.connector, 'message', id, await ctx.handoff.sendToResident(session.connector, id, body.text));
    }),
  );

  // Outside WhatsApp's 24-hour window only an approved template may go out: it asks the resident to write back.
  server.post(
    '/api/console/cases/:id/invite',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (id) await answer(ctx, res, session.connector, 'invite', id, await ctx.handoff.inviteReply(session.connector, id));
    }),
  );

  server.post(
    '/api/console/cases/:id/release',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      if (id) await answer(ctx, res, session.connector, 'release', id, await ctx.handoff.release(session.connector, id));
    }),
  );

  server.post(
    '/api/console/cases/:id/close',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(closeBody, req, res, `body must be {"outcome": one of ${closeOutcomes.join(', ')}, "detail": where to (required for doorverwezen)}`);
      if (id && body) await answer(ctx, res, session.connector, 'close', id, await ctx.handoff.close(session.connector, id, body.outcome, body.detail));
    }),
  );

  // A crisis alarm stays on screen until a connector says they saw it; who saw it when goes into the audit log.
  server.post(
    '/api/console/cases/:id/acknowledge',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const value = id && (await viewCase(ctx, res, session.connector, 'acknowledge', id));
      if (value) res.send(204);
    }),
  );

  server.get(
    '/api/console/cases/:id/notes',
    read(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const value = id && (await viewCase(ctx, res, session.connector, 'notes-view', id));
      if (value) res.json({ notes: await ctx.stores.console.listNotes(value.id) });
    }),
  );

  server.post(
    '/api/console/cases/:id/notes',
    change(async (req, res, session) => {
      const id = parseCaseId(req, res);
      const body = id && parseBody(textBody, req, res, `body must be {"text": 1 to ${MAX_TEXT} characters}`);
      const value = id && body && (await viewCase(ctx, res, session.connector, 'note', id));
      if (!body || !value) return;
      const note = { id: randomUUID(), caseId: value.id, connectorId: session.connector.id, text: body.text, at: ctx.now().toISOString() };
      // Only the store and this connector's team see a note: it never goes near HandoffService.sendToResident.
      await ctx.stores.console.addNote(note);
      res.json(201, note);
    }),
  );
}

/** Checks id and team through HandoffService.view and records the look in the audit log, whatever the answer. */
export async function viewCase(ctx: ConsoleContext, res: Response, connector: ConnectorRef, action: AuditAction, id: string): Promise<IntakeCase | undefined> {
  const result = await ctx.handoff.view(connector, id);
  await ctx.audit.record(connector, action, result.ok ? 'ok' : result.reason, id);
  if (!result.ok) {
    refuse(res, result.reason);
    return undefined;
  }
  return result.value;
}

async function answer(ctx: ConsoleContext, res: Response, connector: ConnectorRef, action: AuditAction, id: string, result: HandoffResult): Promise<void> {
  await ctx.audit.record(connector, action, result.ok ? 'ok' : result.reason, id);
  if (result.ok) res.send(204);
  else refuse(res, result.reason);
}

function refuse(res: Response, reason: HandoffRefusal): void {
  sendError(res, REFUSAL_STATUS[reason], reason, `refused: ${reason}`);
}

export function parseCaseId(req: Request, res: Response): string | undefined {
  const id = caseId.safeParse(req.params.id);
  if (id.success) return id.data;
  sendError(res, 400, 'bad_case_id', 'case id must be a UUID');
  return undefined;
}

export function parseBody<T>(schema: z.ZodType<T>, req: Request, res: Response, message: string): T | undefined {
  const body = schema.safeParse(req.body);
  if (body.success) return body.data;
  sendError(res, 400, 'bad_request', message);
  return undefined;
}
