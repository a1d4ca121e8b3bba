import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { rulesArg } from './cli';
import { LEVELS } from './decide';
import { createTriage, Decision, Level, loadRules, Triage } from './index';
import { modelPathsBeside } from './model/model';

/** Compares decisions with labelled cases (`expected`, optional `domains`). */

export interface LabelledCase {
  id: string;
  messages: string[];
  expected: Level;
  domains?: string[];
}

export interface Miss {
  id: string;
  expected: Level;
  level: Level;
  flags: Decision['flags'];
}

export interface DomainMiss {
  id: string;
  expected: string[];
  got: string[];
}

export interface Report {
  cases: number;
  crisisRecall: number;
  heavyRecall: number;
  lichtPrecision: number;
  /** Escalating everything would make licht precision perfect; this says how many light cases stay light. */
  lichtRecall: number;
  accuracy: number;
  /** Cases the model raised above the rules' level (its share in the decisions). */
  raisedByModel: number;
  /** Crises decided lower, but with danger words the bot would have asked about in the conversation. */
  missedCrisisAsked: number;
  /** Light cases (as labelled) where the bot would ask the danger question. */
  lichtAsked: number;
  confusion: Record<Level, Record<Level, number>>;
  domains?: { exact: number; precision: number; recall: number; f1: number; cases: number; misses: DomainMiss[] };
  misses: Miss[];
  msPerCase?: number;
  timingRuns?: number;
}

export const TARGETS = { crisisRecall: 1, heavyRecall: 0.95, lichtPrecision: 0.85, lichtRecall: 0.85, accuracy: 0.9 };

const isHeavy = (l: Level) => l === 'zwaar' || l === 'crisis';
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export async function readCases(file: string): Promise<LabelledCase[]> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const cases: LabelledCase[] = [];
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as Partial<LabelledCase>;
    if (typeof raw.id !== 'string' || !Array.isArray(raw.messages) || !LEVELS.includes(raw.expected as Level))
      throw new Error(`${file}:${n}: needs "id", "messages" and "expected" (licht|zwaar|crisis)`);
    cases.push(raw as LabelledCase);
  }
  return cases;
}

export function evaluate(cases: LabelledCase[], triage: Triage, timingRuns = 0): Report {
  const confusion = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(LEVELS.map((g) => [g, 0]))])) as Report['confusion'];
  const misses: Miss[] = [];
  const domainMisses: DomainMiss[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  let withDomains = 0;
  let raisedByModel = 0;
  let missedCrisisAsked = 0;
  let lichtAsked = 0;
  for (const c of cases) {
    const d = triage.decide(c.messages);
    confusion[c.expected][d.level]++;
    if (d.reasons.some((reason) => reason.startsWith('model-'))) raisedByModel++;
    if (d.hints.length > 0 && c.expected === 'crisis') missedCrisisAsked++;
    if (d.hints.length > 0 && c.expected === 'licht') lichtAsked++;
    if (d.level !== c.expected) misses.push({ id: c.id, expected: c.expected, level: d.level, flags: d.flags });
    if (Array.isArray(c.domains)) {
      withDomains++;
      const want = new Set(c.domains);
      const got = new Set(d.domains);
      const hit = [...got].filter((x) => want.has(x)).length;
      tp += hit;
      fp += got.size - hit;
      fn += want.size - hit;
      if (hit === got.size && hit === want.size) exact++;
      else domainMisses.push({ id: c.id, expected: [...want], got: [...got] });
    }
  }
  const count = (pred: (e: Level, g: Level) => boolean) => {
    let n = 0;
    for (const e of LEVELS) for (const g of LEVELS) if (pred(e, g)) n += confusion[e][g];
    return n;
  };
  const report: Report = {
    cases: cases.length,
    crisisRecall: ratio(confusion.crisis.crisis, count((e) => e === 'crisis')),
    heavyRecall: ratio(count((e, g) => isHeavy(e) && isHeavy(g)), count((e) => isHeavy(e))),
    lichtPrecision: ratio(confusion.licht.licht, count((_e, g) => g === 'licht')),
    lichtRecall: ratio(confusion.licht.licht, count((e) => e === 'licht')),
    accuracy: ratio(count((e, g) => e === g), cases.length),
    raisedByModel,
    missedCrisisAsked,
    lichtAsked,
    confusion,
    misses,
  };
  if (withDomains > 0) {
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    report.domains = {
      exact: exact / withDomains,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      cases: withDomains,
      misses: domainMisses,
    };
  }
  if (timingRuns > 0 && cases.length > 0) {
    for (let i = 0; i < Math.min(cases.length, 200); i++) triage.decide(cases[i].messages); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < timingRuns; i++) triage.decide(cases[i % cases.length].messages);
    report.msPerCase = (performance.now() - t0) / timingRuns;
    report.timingRuns = timingRuns;
  }
  return report;
}

const pct = (x: number) => x.toFixed(3);

export function formatReport(r: Report): string {
  const mark = (v: number, target: number) => (v >= target ? 'ok' : `BELOW TARGET ${target}`);
  const lines = [
    `cases            ${r.cases}`,
    `crisis recall    ${pct(r.crisisRecall)}  ${mark(r.crisisRecall, TARGETS.crisisRecall)}`,
    `heavy recall     ${pct(r.heavyRecall)}  ${mark(r.heavyRecall, TARGETS.heavyRecall)}  (zwaar+crisis decided zwaar or crisis)`,
    `licht precision  ${pct(r.lichtPrecision)}  ${mark(r.lichtPrecision, TARGETS.lichtPrecision)}`,
    `licht recall     ${pct(r.lichtRecall)}  ${mark(r.lichtRecall, TARGETS.lichtRecall)}  (light cases kept light)`,
    `accuracy         ${pct(r.accuracy)}  ${mark(r.accuracy, TARGETS.accuracy)}`,
    `raised by model  ${r.raisedByModel} of ${r.cases} (the rules alone decided lower)`,
    `danger question  asked in ${r.missedCrisisAsked} of ${r.confusion.crisis.licht + r.confusion.crisis.zwaar} missed crises; in ${r.lichtAsked} of ${LEVELS.reduce((n, g) => n + r.confusion.licht[g], 0)} light cases`,
    '',
    'confusion (rows expected, columns decided)',
    `           ${LEVELS.map((l) => l.padStart(7)).join('')}`,
    ...LEVELS.map((e) => `  ${e.padEnd(8)} ${LEVELS.map((g) => String(r.confusion[e][g]).padStart(7)).join('')}`),
  ];
  if (r.domains) {
    lines.push(
      '',
      `domains (${r.domains.cases} cases): exact ${pct(r.domains.exact)}  precision ${pct(r.domains.precision)}  recall ${pct(r.domains.recall)}  f1 ${pct(r.domains.f1)}`,
    );
    for (const m of r.domains.misses) lines.push(`  ${m.id}: expected [${m.expected.join(', ')}]  got [${m.got.join(', ')}]`);
  }
  lines.push('', `misclassified: ${r.misses.length}`);
  for (const m of r.misses) {
    lines.push(`  ${m.id}: expected ${m.expected}, decided ${m.level}`);
    if (m.flags.length === 0) lines.push('      (no flags)');
    for (const f of m.flags) lines.push(`      ${f.severity} ${f.signal} [${f.domain}] "${f.evidence}" (message ${f.message})`);
  }
  if (r.msPerCase !== undefined) lines.push('', `time per decision ${r.msPerCase.toFixed(4)} ms (${r.timingRuns} decisions, cycling through the cases)  ${r.msPerCase < 1 ? 'ok' : 'BELOW TARGET < 1 ms'}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const rules = rulesArg(argv);
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rules');
  if (!file) {
    process.stderr.write('usage: npm run triage:eval -- cases.jsonl [--rules signals.yaml] [--json]\n');
    return 2;
  }
  const report = evaluate(await readCases(file), createTriage(rules ? loadRules(rules) : undefined, { ...(rules ? { modelFiles: modelPathsBeside(rules) } : {}), remember: false }), 10_000);
  process.stdout.write(formatReport(report) + '\n');
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(report) + '\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`triage:eval: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
