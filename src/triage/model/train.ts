import fs from 'node:fs';
import path from 'node:path';
import { NeuralNetwork } from '@nlpjs/neural';
import { readCases, type LabelledCase } from '../eval';
import { Matcher } from '../matcher';
import { defaultRulesPath, loadRules } from '../rules';
import { features } from './features';
import { modelPathOf } from './model';

/** Features seen in fewer cases than this are dropped: they would only learn single sentences by heart. */
const MIN_CASES_PER_FEATURE = 2;
const SETTINGS = { iterations: 2000, errorThresh: 0.0005, deltaErrorThresh: 0, learningRate: 0.5 };

/** Corpus folder k beside the rule file: triage-corpus/, triage-corpus-2/, … */
const corpusDir = (k: number) => path.join(path.dirname(defaultRulesPath()), k === 1 ? 'triage-corpus' : `triage-corpus-${k}`);

/**
 * `npm run triage:train [-- k …]`: trains one model per corpus folder, or only members k. Model k
 * (locales/nl/triage-model.json, triage-model-2.json, …) learns from the folders triage-corpus/
 * through triage-corpus-k/, so each member of the committee (model.ts) knows all the cases of the
 * one before and more. Deterministic for the same files, so a retrained model shows up in review as
 * a change of the corpus; naming the members keeps the others exactly as they were shipped.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2).map((arg) => {
    if (!/^[1-9]\d*$/.test(arg)) throw new Error(`"${arg}": name the members to train by number (1, 2, …)`);
    return Number(arg);
  });
  const normalizer = new Matcher(loadRules()).normalizer;
  const inputs: string[] = [];
  for (let k = 1; fs.existsSync(corpusDir(k)); k++) {
    inputs.push(...fs.readdirSync(corpusDir(k)).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(corpusDir(k), f)));
    if (only.length > 0 && !only.includes(k)) continue;
    const cases: LabelledCase[] = [];
    for (const file of inputs) cases.push(...(await readCases(file)));
    const file = modelPathOf(defaultRulesPath(), k);
    const status = train(cases, normalizer, file);
    process.stderr.write(`${path.basename(file)}: trained on ${cases.length} cases from ${inputs.length} files: ${status}\n`);
  }
}

function train(cases: LabelledCase[], normalizer: Matcher['normalizer'], file: string): string {
  const featureSets = cases.map((c) => new Set(c.messages.flatMap((text) => features(normalizer.tokenize(text)).map((f) => f.name))));
  const seenIn = new Map<string, number>();
  for (const set of featureSets) for (const name of set) seenIn.set(name, (seenIn.get(name) ?? 0) + 1);
  const corpus = cases.map((c, i) => ({
    input: Object.fromEntries([...featureSets[i]].filter((name) => (seenIn.get(name) ?? 0) >= MIN_CASES_PER_FEATURE).map((name) => [name, 1])),
    output: { [c.expected]: 1 },
  }));
  const network = new NeuralNetwork(SETTINGS);
  const status = network.train(corpus);
  const json = network.toJSON();
  const rounded = { ...json, perceptrons: json.perceptrons.map((weights) => weights.map((w) => Math.round(w * 1e4) / 1e4)) };
  fs.writeFileSync(file, JSON.stringify(rounded) + '\n');
  return `${json.features.length} features, ${status.iterations} iterations, error ${status.error.toFixed(5)}`;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
