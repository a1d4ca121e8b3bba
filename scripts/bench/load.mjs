// Drives a bot over POST /api/messages with autocannon: every connection walks whole intakes, each
// in a conversation of its own, so no turn repeats what another conversation said.
import autocannon from 'autocannon';

/**
 * A light intake: greeting, consent, the three answers, and the follow-up question answered as a
 * resident taps "Nee, verder niets". Nothing before consent is kept, so the greeting turn is not stored.
 * The three answers differ per conversation (a few ways to say each, and the resident's own house
 * number), as residents' words do: the bot may not gain from having read the same text for another.
 */
const WIL = ['Ik wil hulp bij het invullen van een formulier voor de huurtoeslag', 'Graag iemand die helpt met een brief van de gemeente', 'ik wil mijn post op orde krijgen', 'Hulp met de aanvraag voor de zorgtoeslag aub'];
const KAN = ['Ik kan goed koken', 'ik ben handig met klussen in huis', 'Ik kan goed luisteren en ik help graag buren', 'oppassen op kinderen kan ik goed'];
const NODIG = ['Iemand die even met me meekijkt', 'een vrijwilliger die een keer langs komt', 'gewoon iemand die het uitlegt', 'Hulp van een buddy voor een paar weken'];
const answer = (pool, shift) => (n) => `${pool[(n >> shift) % pool.length]}, ik woon op nummer ${n + 1}`;
export const INTAKE = ['hallo', 'ja', answer(WIL, 0), answer(KAN, 2), answer(NODIG, 4), 'Nee, verder niets'];
export const UNSTORED_TURNS = 1;
/** Enough to start a conversation and leave it waiting at its first question. */
export const OPENING = INTAKE.slice(0, 2);
export const CHANNEL = 'emulator';

export function activity(conversation, text) {
  return JSON.stringify({
    type: 'message',
    channelId: CHANNEL,
    serviceUrl: 'http://127.0.0.1:9/never-called',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation },
    from: { id: `${conversation}-user`, role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    locale: 'nl-NL',
    text,
  });
}

let serial = 0;

/**
 * Runs `turns` for `seconds` (or until `amount` requests) over `connections` connections. Resolves
 * with throughput, latency percentiles (from autocannon's own response times), errors, and per
 * conversation how many turns the bot answered, for the completeness check afterwards.
 */
export function drive(base, { connections, seconds, amount, turns = INTAKE, prefix = 'bench' }) {
  const answered = new Map();
  const times = [];
  // The first answer on each new connection waits for the connection itself: when a step opens all its
  // connections at once, some first answers take seconds, for the echo bot as much as for ours (a
  // property of opening 200 sockets on a busy 2-core machine, not of a turn). They count as turns, but
  // stay out of the percentiles; their slowest is reported beside them.
  const opened = new WeakSet();
  let firstMax = 0;
  const run = `${prefix}-${process.pid}-${serial++}`;
  let next = 0;
  let empty = 0;
  const requests = turns.map((text, index) => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request, context) => {
      if (index === 0) context.number = next++;
      context.conversation = `${run}-${context.number}`;
      return { ...request, body: activity(context.conversation, typeof text === 'function' ? text(context.number) : text) };
    },
    onResponse: (status, body, context) => {
      // A turn counts only when the bot answered it with at least one activity.
      if (status !== 200) return;
      if (body.includes('"activities":[{')) answered.set(context.conversation, (answered.get(context.conversation) ?? 0) + 1);
      else empty++;
    },
  }));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      { url: base, connections, requests, timeout: 30, ...(amount ? { amount } : { duration: seconds }) },
      (error, result) => {
        if (error) return reject(error);
        const elapsed = (performance.now() - started) / 1000;
        times.sort((a, b) => a - b);
        const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] : NaN);
        const ok = [...answered.values()].reduce((sum, n) => sum + n, 0);
        resolve({
          connections,
          seconds: round(elapsed, 1),
          turns: ok,
          turnsPerSecond: round(ok / elapsed, 0),
          p50: round(pct(50), 1),
          p95: round(pct(95), 1),
          p99: round(pct(99), 1),
          firstAnswerMaxMs: round(firstMax, 0),
          errors: result.errors + result.timeouts + result.non2xx + empty,
          // Sent but not answered when the step ended: one per connection is normal, a slow server's oldest may be far older.
          unanswered: Math.max(0, result.requests.sent - result['2xx'] - result.non2xx - result.errors - result.timeouts),
          answered,
        });
      },
    );
    instance.on('response', (client, statusCode, bytes, responseTime) => {
      if (opened.has(client)) times.push(responseTime);
      else {
        opened.add(client);
        firstMax = Math.max(firstMax, responseTime);
      }
    });
  });
}

export const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
