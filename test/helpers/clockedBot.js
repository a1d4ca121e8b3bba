// The compiled bot started as index.js starts it, but on a clock the test moves (over the IPC
// channel) and with short timers, so a test can let a claim expire without waiting half an hour.
require('../../dist/src/server/knownWarnings');
const { reportStartFailure, runBot } = require('../../dist/src/server/runBot');

let offset = Date.parse(process.env.TEST_CLOCK_START) - Date.now();
process.on('message', (message) => {
  if (!message || typeof message.advanceMs !== 'number') return;
  offset += message.advanceMs;
  process.send({ advanced: message.advanceMs });
});

runBot({
  now: () => new Date(Date.now() + offset),
  timers: { claimSweepMs: Number(process.env.TEST_CLAIM_SWEEP_MS), leaseMs: Number(process.env.TEST_LEASE_MS) },
}).catch(reportStartFailure);
