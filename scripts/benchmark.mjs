#!/usr/bin/env node
// `npm run bench`: one run, one machine, side by side. Starts, one after the other, (a) a bare
// botbuilder echo bot, (b) our bot on the embedded store, (c) our bot on MongoDB (MONGODB_URI, else
// a FerretDB started here), drives each with the same autocannon load of whole intakes at 10, 50 and
// 200 concurrent conversations, then measures memory per idle conversation, growth over a soak, and
// checks that no answered message was lost or stored twice. Prints the figures against the targets.
// Usage: npm run bench [-- --seconds 15 --soak-minutes 5 --idle 10000 --json out.json | --short]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drive, INTAKE, OPENING, round } from './bench/load.mjs';
import { freePort, rssMb, startServer, stop, waitFor } from './bench/processes.mjs';
import { verify } from './bench/verify.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = parseOptions(process.argv.slice(2));
// --short: a few seconds in all, so CI runs the benchmark and it cannot rot; its figures mean nothing.
// Its steps walk one whole intake per connection instead of running for a time, so a slow or busy
// machine still stores turns for the completeness check to find.
const plan = options.short
  ? { steps: [5, 20], intakes: 1, warmup: 1, idle: 300, soakSeconds: 4, soakConnections: 5, sample: 1 }
  : { steps: [10, 50, 200], seconds: Number(options.seconds ?? 15), warmup: 3, idle: Number(options.idle ?? 10_000), soakSeconds: Number(options['soak-minutes'] ?? 5) * 60, soakConnections: 20, sample: 10 };
const TARGETS = { echoRatioAt50: 0.66, p99At200Ms: 100, idleKb: 20, mongoRatio: 0.5 };

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkverbinder-bench-'));
const cleanups = [];
const figures = { when: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, short: Boolean(options.short), plan, targets: TARGETS };
try {
  figures.echo = await measure('echo bot', () => startServer(path.join(root, 'scripts', 'bench', 'echoBot.mjs'), {}));
  const embedded = { DATA_DIR: path.join(temp, 'embedded') };
  figures.embedded = await measure('ours, embedded store', () => startServer(botFile(), embedded), { dataDir: embedded.DATA_DIR });
  figures.memory = await idleMemory();
  figures.soak = await soak();
  const mongo = await mongoUri();
  const database = `wijkverbinder_bench_${process.pid}`;
  figures.mongodb = await measure(`ours, MongoDB (${mongo.kind})`, () => startServer(botFile(), { MONGODB_URI: mongo.uri, MONGODB_DB: database }), { MONGODB_URI: mongo.uri, MONGODB_DB: database });
  report();
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(figures, (key, value) => (value instanceof Map ? undefined : value), 2));
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(temp, { recursive: true, force: true });
}

function botFile() {
  return path.join(root, 'dist', 'src', 'index.js');
}

/** Warm-up, then each step on a fresh process; after the highest step, the completeness check. */
async function measure(name, start, storeConfig) {
  const server = await start();
  try {
    await drive(server.base, { connections: 5, seconds: plan.warmup, prefix: 'warmup' });
    const steps = [];
    let last;
    for (const connections of plan.steps) {
      const length = plan.intakes ? { amount: connections * INTAKE.length * plan.intakes } : { seconds: plan.seconds };
      last = await drive(server.base, { connections, ...length, prefix: `c${connections}` });
      steps.push({ ...last, answered: undefined, peakRssMb: round(rssMb(server.child.pid), 0) });
      process.stderr.write(`${name}: ${connections} conversations, ${last.turnsPerSecond} turns/s\n`);
    }
    await server.stop();
    const completeness = storeConfig ? await verify(storeConfig, last.answered) : undefined;
    return { name, steps, completeness };
  } finally {
    await server.stop();
  }
}

/**
 * Resident set size per conversation left waiting at its first question, after `plan.idle` of them,
 * each side read after a full garbage collection (scripts/bench/gcProbe.cjs); the V8 heap in use is
 * printed beside it, since RSS keeps pages the collector has freed.
 */
async function idleMemory() {
  const probeFile = path.join(temp, 'probe.json');
  const server = await startServer(botFile(), { DATA_DIR: path.join(temp, 'idle'), BENCH_PROBE_FILE: probeFile }, { args: ['--expose-gc', '-r', path.join(root, 'scripts', 'bench', 'gcProbe.cjs')] });
  const probe = async () => {
    const asked = Date.now();
    server.child.kill('SIGUSR2');
    let found;
    await waitFor(() => (found = readProbe(probeFile)) && found.at >= asked, 30_000, 'the memory probe did not answer');
    return { rssMb: found.rss / 2 ** 20, heapMb: found.heapUsed / 2 ** 20 };
  };
  try {
    await drive(server.base, { connections: 20, amount: 400, turns: OPENING, prefix: 'idle-warm' });
    const before = await probe();
    const run = await drive(server.base, { connections: 50, amount: plan.idle * OPENING.length, turns: OPENING, prefix: 'idle' });
    const after = await probe();
    const perConversation = (mb) => round((mb * 1024) / run.answered.size, 2);
    return {
      conversations: run.answered.size,
      rssBeforeMb: round(before.rssMb, 1),
      rssAfterMb: round(after.rssMb, 1),
      kbPerConversation: perConversation(after.rssMb - before.rssMb),
      heapKbPerConversation: perConversation(after.heapMb - before.heapMb),
    };
  } finally {
    await server.stop();
  }
}

function readProbe(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Moderate steady load; RSS sampled as it runs. Flat means the last samples are not above the early ones. */
async function soak() {
  const server = await startServer(botFile(), { DATA_DIR: path.join(temp, 'soak') });
  const samples = [];
  const timer = setInterval(() => samples.push(round(rssMb(server.child.pid), 1)), plan.sample * 1000);
  try {
    const run = await drive(server.base, { connections: plan.soakConnections, seconds: plan.soakSeconds, prefix: 'soak' });
    clearInterval(timer);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const early = median(samples.slice(quarter, 2 * quarter));
    const late = median(samples.slice(-quarter));
    return { seconds: plan.soakSeconds, connections: plan.soakConnections, turnsPerSecond: run.turnsPerSecond, errors: run.errors, samplesMb: samples, growthMb: round(late - early, 1) };
  } finally {
    clearInterval(timer);
    await server.stop();
  }
}

/**
 * MONGODB_URI when given; else FerretDB (built by the project's script when missing) in a temporary
 * folder, on PostgreSQL when Debian's package is installed (ensure-test-deps.sh installs it), else on
 * SQLite. FerretDB on SQLite answers only an equality on `_id` from an index and reads the whole
 * collection for every other filter, so it measures FerretDB's scans more than the bot; on
 * PostgreSQL equalities on any field run in the database.
 */
async function mongoUri() {
  if (process.env.MONGODB_URI) return { kind: 'MONGODB_URI', uri: process.env.MONGODB_URI };
  execFileSync('bash', [path.join(root, 'scripts', 'ferretdb-build.sh')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = path.join(temp, 'ferretdb');
  fs.mkdirSync(path.join(dir, 'state'), { recursive: true });
  const sqlite = path.join(dir, 'sqlite');
  fs.mkdirSync(sqlite);
  const postgres = fs.existsSync('/usr/lib/postgresql') ? await startPostgres(path.join(temp, 'postgres')) : undefined;
  const backend = postgres
    ? ['--handler=postgresql', `--postgresql-url=postgres://postgres@127.0.0.1:${postgres}/postgres`]
    : ['--handler=sqlite', `--sqlite-url=file:${sqlite}/`];
  const port = await freePort();
  cleanups.push(spawnStopped(path.join(root, '.tools', 'ferretdb'), [
    ...backend, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${path.join(dir, 'state')}`, '--debug-addr=-', '--telemetry=disable', '--log-level=error',
  ]));
  await listening(port, 'FerretDB did not start');
  return { kind: postgres ? 'FerretDB on PostgreSQL' : 'FerretDB on SQLite', uri: `mongodb://127.0.0.1:${port}/` };
}

/** A throwaway PostgreSQL server for FerretDB; resolves with its port. */
async function startPostgres(dir) {
  // PostgreSQL runs as its own user when the benchmark runs as root: it must be able to pass through.
  fs.chmodSync(temp, 0o711);
  const port = await freePort();
  // Its log (every start and shutdown) is left out; a server that does not come up says so below.
  cleanups.push(spawnStopped('bash', [path.join(root, 'scripts', 'postgres-run.sh'), dir, String(port)], 'ignore'));
  await listening(port, 'PostgreSQL did not start');
  return port;
}

/** Starts a process whose output the benchmark does not need; returns its cleanup. */
function spawnStopped(file, args, stderr = 'inherit') {
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', stderr] });
  return () => stop(child);
}

async function listening(port, what) {
  const net = await import('node:net');
  await waitFor(() => new Promise((resolve) => net.connect(port, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false))), 30_000, what);
}

function report() {
  const at = (target, connections) => target.steps.find((step) => step.connections === connections) ?? target.steps.at(-1);
  const top = plan.steps.at(-1);
  const middle = plan.steps.includes(50) ? 50 : plan.steps[0];
  const line = (...cells) => console.log(cells.map((cell, i) => String(cell).padEnd(i === 0 ? 30 : 11)).join(''));
  console.log(`\nOne run on ${figures.machine.cpus} cores, ${figures.machine.node}${figures.short ? '  (--short: figures only prove the benchmark runs)' : ''}`);
  line('', 'conv.', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', '1st ans. ms', 'errors', 'in flight', 'RSS MB', '× echo');
  for (const target of [figures.echo, figures.embedded, figures.mongodb]) {
    for (const step of target.steps) {
      const ratio = round(step.turnsPerSecond / at(figures.echo, step.connections).turnsPerSecond, 2);
      line(step === target.steps[0] ? target.name : '', step.connections, step.turnsPerSecond, step.p50, step.p95, step.p99, step.firstAnswerMaxMs, step.errors, step.unanswered, step.peakRssMb, ratio);
    }
  }
  console.log("(percentiles leave out each connection's first answer, which waits for the connection to be opened; '1st ans.' is the slowest of those)");
  for (const target of [figures.embedded, figures.mongodb]) {
    const c = target.completeness;
    console.log(`completeness (${target.name}, ${top} conversations): ${c.conversations} conversations, ${c.turnsChecked} answered turns checked: ${c.lost} lost, ${c.duplicated} duplicated; ${c.intakesFinished} finished intakes, ${c.casesMissing} without their case`);
  }
  const m = figures.memory;
  console.log(`memory: ${m.conversations} idle conversations, after a full collection RSS ${m.rssBeforeMb} → ${m.rssAfterMb} MB = ${m.kbPerConversation} KB per conversation (V8 heap in use: ${m.heapKbPerConversation} KB per conversation)`);
  const s = figures.soak;
  console.log(`soak: ${s.seconds} s at ${s.connections} conversations, ${s.turnsPerSecond} turns/s, ${s.errors} errors, RSS growth ${s.growthMb} MB (samples ${s.samplesMb.join(' ')})`);
  const echo50 = at(figures.echo, middle).turnsPerSecond;
  const ours50 = at(figures.embedded, middle).turnsPerSecond;
  const checks = [
    [`embedded ≥ ${TARGETS.echoRatioAt50} × echo at ${middle}`, ours50 / echo50 >= TARGETS.echoRatioAt50, `${round(ours50 / echo50, 2)}`],
    [`embedded p99 < ${TARGETS.p99At200Ms} ms at ${top}`, at(figures.embedded, top).p99 < TARGETS.p99At200Ms, `${at(figures.embedded, top).p99} ms`],
    [`< ${TARGETS.idleKb} KB per idle conversation`, m.kbPerConversation < TARGETS.idleKb, `${m.kbPerConversation} KB`],
    [`MongoDB ≥ ${TARGETS.mongoRatio} × embedded at ${middle}`, at(figures.mongodb, middle).turnsPerSecond / ours50 >= TARGETS.mongoRatio, `${round(at(figures.mongodb, middle).turnsPerSecond / ours50, 2)}`],
    ['zero lost or duplicated messages', [figures.embedded, figures.mongodb].every((t) => t.completeness.lost === 0 && t.completeness.duplicated === 0 && t.completeness.casesMissing === 0), ''],
    ['memory flat over the soak (growth < 10 MB)', s.growthMb < 10, `${s.growthMb} MB`],
  ];
  figures.checks = checks.map(([name, met, value]) => ({ name, met, value }));
  console.log('\ntargets');
  for (const { name, met, value } of figures.checks) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${name}${value ? `: ${value}` : ''}`);
}

function parseOptions(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const key = argv[i].slice(2);
    if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) parsed[key] = true;
    else parsed[key] = argv[++i];
  }
  return parsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}
