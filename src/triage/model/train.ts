import fs from 'node:fs';
import path from 'node:path';
import { NeuralNetwork } from '@nlpjs/neural';
import { readCases, type LabelledCase } from '../eval';
import { Matcher } from '../matcher';
import { defaultRulesPath, loadRules } from '../rules';
import { features } from './features';
import { modelPathBeside } from './model';

/** Features seen in fewer cases than this are dropped: they would only learn single sentences by heart. */
const MIN_CASES_PER_FEATURE = 2;
const SETTINGS = { iterations: 2000, errorThresh: 0.0005, deltaErrorThresh: 0, learningRate: 0.5 };

const corpusDir = () => path.join(path.dirname(defaultRulesPath()), 'triage-corpus');

/**
 * `npm run triage:train [-- files…]`: trains the model on the training cases (by default every
 * file in locales/nl/triage-corpus/) and writes locales/nl/triage-model.json. Deterministic for the
 * same files, so a retrained model shows up in review as a change of the corpus.
 */
async function main(files: string[]): Promise<void> {
  const inputs = files.length > 0 ? files : fs.readdirSync(corpusDir()).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(corpusDir(), f));
  const cases: LabelledCase[] = [];
  for (const file of inputs) cases.push(...(await readCases(file)));
  const normalizer = new Matcher(loadRules()).normalizer;
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
  fs.writeFileSync(modelPathBeside(defaultRulesPath()), JSON.stringify(rounded) + '\n');
  process.stderr.write(`trained on ${cases.length} cases from ${inputs.length} files: ${json.features.length} features, ${status.iterations} iterations, error ${status.error.toFixed(5)}\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
