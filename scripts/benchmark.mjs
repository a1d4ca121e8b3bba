#!/usr/bin/env node
// Throughput and memory of the real bot: starts `node dist/src/index.js` on a free loopback port with
// a fresh embedded store, runs whole intakes over POST /api/messages (expectReplies) from N
// concurrent clients for a fixed time, and prints turns/s, latency percentiles and the bot's peak RSS.
// Reference on the 2-core dev machine: a bare botbuilder echo bot answers about 1,300 turns/s.
// Usage: npm run bench [-- --seconds 15 --concurrency 50]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const seconds = Number(args.seconds ?? 15);
const concurrency = Number(args.concurrency ?? 50);
// The answers look light, so the bot asks its follow-up question; the last turn answers it as a resident taps "Nee, verder niets".
const intake = ['hallo', 'ja', 'Ik heb schulden en mijn post stapelt zich op', 'Ik kan goed koken', 'Iemand die met me meekijkt', 'Nee, verder niets'];

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkverbinder-bench-'));
const bot = spawn(process.execPath, [path.join(root, 'dist', 'src', 'index.js')], {
  env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  await waitForHealth();
  const latencies = [];
  let failures = 0;
  let conversations = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) {
        const conversation = `bench-${worker}-${conversations++}`;
        for (const text of intake) {
          const t0 = performance.now();
          const ok = await turn(conversation, text);
          latencies.push(performance.now() - t0);
          if (!ok) failures++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  const peakRss = fs.readFileSync(`/proc/${bot.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1];
  console.log(`turns            ${latencies.length} in ${elapsed.toFixed(1)} s, ${concurrency} concurrent clients, whole intakes on the embedded store`);
  console.log(`throughput       ${(latencies.length / elapsed).toFixed(0)} turns/s   (reference: bare echo bot ~1,300 turns/s)`);
  console.log(`latency ms       p50 ${pct(50)}   p95 ${pct(95)}   p99 ${pct(99)}`);
  console.log(`failed turns     ${failures}`);
  console.log(`bot peak RSS     ${peakRss ? (Number(peakRss) / 1024).toFixed(0) : '?'} MB`);
} finally {
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function turn(conversation, text) {
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/never-called',
      deliveryMode: 'expectReplies',
      conversation: { id: conversation },
      from: { id: `${conversation}-user` },
      recipient: { id: 'bot' },
      text,
    }),
  });
  const body = await response.json().catch(() => undefined);
  return response.ok && Array.isArray(body?.activities) && body.activities.length > 0;
}

async function waitForHealth() {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not start');
}
