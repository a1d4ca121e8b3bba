// After the highest step: is every answered turn in the transcript exactly once, and does every
// finished intake have its case with the three answers? Read through the bot's own stores.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL, INTAKE, UNSTORED_TURNS } from './load.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'src');

/**
 * `answered`: conversation id → turns the bot answered. A turn still in flight when the load stopped
 * may be stored without having been counted, so one stored turn more than answered is fine; fewer is
 * a lost message, the same text twice a duplicate.
 */
export async function verify(storeConfig, answered) {
  const { openStores } = await import(path.join(dist, 'storage', 'openStores.js'));
  const { createLogger } = await import(path.join(dist, 'log.js'));
  const stores = await openStores(
    { RETENTION_DAYS: 365, AUDIT_RETENTION_DAYS: 730, MONGODB_DB: undefined, ...storeConfig },
    createLogger('silent'),
    { purge: false },
  );
  const result = { conversations: answered.size, turnsChecked: 0, lost: 0, duplicated: 0, intakesFinished: 0, casesMissing: 0 };
  try {
    for (const [conversation, turns] of answered) {
      const said = (await allActivities(stores.transcripts, conversation)).filter((item) => item.type === 'message' && item.from?.role !== 'bot' && item.from?.id === `${conversation}-user`).map((item) => item.text);
      const kept = Math.max(0, turns - UNSTORED_TURNS);
      result.turnsChecked += kept;
      if (said.length < kept) result.lost += kept - said.length;
      result.duplicated += said.length - new Set(said).size;
      if (turns < INTAKE.length) continue;
      result.intakesFinished++;
      const cases = await stores.cases.listByResident(`${CHANNEL}:${conversation}-user`);
      const answers = cases[0]?.answers ?? {};
      if (!(answers.wil && answers.kan && answers.nodig)) result.casesMissing++;
    }
  } finally {
    await stores.close();
  }
  return result;
}

async function allActivities(transcripts, conversation) {
  const all = [];
  let token;
  do {
    const page = await transcripts.getTranscriptActivities(CHANNEL, conversation, token);
    all.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return all;
}
