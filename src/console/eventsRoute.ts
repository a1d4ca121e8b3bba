import type { Server } from 'restify';
import type { HandoffEvent } from '../handoff/ports';
import type { BuddyEventMessage } from '../buddies/buddyService';
import { roleOf } from '../connectors/consoleRepository';
import type { ConsoleContext } from './context';
import { errorFields } from '../log';
import { withSession } from './guard';

const HEARTBEAT_MS = 25_000;

/** One server-sent event for the page: a name it listens for and a JSON payload. */
interface ConsoleEvent {
  name: 'queue' | 'alert' | 'chat' | 'presence' | 'erased';
  data: unknown;
}

/**
 * How a handoff event shows in a connector's console: every change reloads the queue, a new
 * escalation or an expired claim also sounds an alert (a crisis its own), an erased case vanishes,
 * and chat messages go to the open case. A
 * resident's words go live only to the connector who holds the case; the rest of the team learns
 * that a message arrived, not what it says.
 */
export function consoleEventsOf(event: HandoffEvent, viewer: string): ConsoleEvent[] {
  const queue: ConsoleEvent = { name: 'queue', data: { type: event.type, caseId: event.caseId } };
  switch (event.type) {
    case 'escalated':
      return [queue, { name: 'alert', data: { type: event.type, caseId: event.caseId, crisis: event.crisis } }];
    case 'claim-expired':
      return [queue, { name: 'alert', data: { type: event.type, caseId: event.caseId, crisis: false } }];
    case 'erased':
      // Every console drops the case at once, wherever it shows (queue, history, the open case).
      return [queue, { name: 'erased', data: { caseId: event.caseId } }];
    case 'resident-message':
      return event.holder === viewer
        ? [{ name: 'chat', data: { caseId: event.caseId, from: 'resident', text: event.text, at: event.at } }]
        : [{ name: 'chat', data: { caseId: event.caseId, from: 'resident', at: event.at } }];
    case 'connector-message':
      return [{ name: 'chat', data: { caseId: event.caseId, from: 'connector', connectorId: event.connectorId, text: event.text, at: event.at } }];
    default:
      return [queue];
  }
}

/** How a light-case event shows in a coordinator's console: the queue reloads; a new case, a buddy's alert or a case nearing the promise also sounds. */
export function coordinatorEventsOf(event: BuddyEventMessage): ConsoleEvent[] {
  const queue: ConsoleEvent = { name: 'queue', data: { type: `light-${event.type}`, caseId: event.caseId } };
  if (event.type !== 'alert' && event.type !== 'nearing' && event.type !== 'queued') return [queue];
  return [queue, { name: 'alert', data: { type: `light-${event.type}`, caseId: event.caseId, crisis: false, ...(event.alert ? { alert: event.alert } : {}) } }];
}

/** The console's live stream: only the connector's own team's events (need-to-know), ended with the session. */
export function registerEventsRoute(server: Server, ctx: ConsoleContext): void {
  server.get(
    '/api/console/events',
    withSession(ctx, { csrf: false }, async (req, res, session, account) => {
      const { team } = session.connector;
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write('retry: 2000\n\n');
      const send = (event: ConsoleEvent) => res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`);
      const sendPresence = () => send({ name: 'presence', data: { connectors: ctx.presence.present(team) } });

      const unsubscribeHandoff = ctx.handoff.subscribe((event) => {
        if (event.team !== team) return;
        consoleEventsOf(event, session.connector.id).forEach(send);
        // Resident text seen live is a look at the case like opening it: it is in the audit log.
        if (event.type === 'resident-message' && event.holder === session.connector.id) {
          ctx.audit.record(session.connector, 'live-view', 'ok', event.caseId).catch((error: unknown) => ctx.log.error({ ...errorFields(error) }, 'audit write failed'));
        }
      });
      const unsubscribeBuddies =
        roleOf(account) === 'coordinator'
          ? ctx.buddies.subscribe((event) => {
              if (event.team === team) coordinatorEventsOf(event).forEach(send);
            })
          : () => undefined;
      const unsubscribePresence = ctx.presence.subscribe((changed) => {
        if (changed === team) sendPresence();
      });
      const disconnect = ctx.presence.connect(session.connector);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribeHandoff();
        unsubscribeBuddies();
        unsubscribePresence();
        stopOnLogout();
        disconnect();
        res.end();
      };
      const stopOnLogout = ctx.sessions.onEnd(session.id, close);
      req.on('close', close);
    }),
  );
}
