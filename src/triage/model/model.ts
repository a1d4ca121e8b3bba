import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LEVELS, type Level } from '../decide';
import type { Normalizer, Token } from '../normalize';
import { WordMemo } from '../memo';
import { eachFeature, letterGrams } from './features';

/** A stretch of the resident's words that pushed the model toward its level. */
export interface ModelEvidence {
  feature: string;
  /** How much more it weighs for the verdict's level than for the runner-up's. */
  weight: number;
  message: number;
  start: number;
  end: number;
}

export interface ModelVerdict {
  /** The linear score of each level (weights of the features present plus the level's bias); the highest wins. */
  scores: Record<Level, number>;
  /** The most likely level. */
  level: Level;
  /** The features that set that level most apart from the runner-up, strongest first, each with the words it came from. */
  evidence: ModelEvidence[];
}

const modelFileSchema = z.object({
  settings: z.record(z.string(), z.unknown()),
  features: z.array(z.string()).min(1),
  intents: z.array(z.enum(LEVELS)).length(LEVELS.length),
  perceptrons: z.array(z.array(z.number())).length(LEVELS.length),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

/**
 * The models live beside the rule file they were trained with, so a rule file given on the command
 * line brings its own: triage-model.json, then triage-model-2.json, … as far as they go. Member k is
 * trained on the corpus folders triage-corpus/ through triage-corpus-k/ (see train.ts).
 */
export function modelPathsBeside(rulesFile: string): string[] {
  const paths: string[] = [];
  for (let k = 1; fs.existsSync(modelPathOf(rulesFile, k)); k++) paths.push(modelPathOf(rulesFile, k));
  return paths;
}

/** Where member k of the committee lives beside `rulesFile`. */
export const modelPathOf = (rulesFile: string, k: number): string => path.join(path.dirname(rulesFile), k === 1 ? 'triage-model.json' : `triage-model-${k}.json`);

/** What the triage needs of a model: a verdict on the messages it is given. */
export interface ModelReader {
  predict(messages: readonly string[], tokens?: readonly (readonly Token[])[]): ModelVerdict;
}

const EVIDENCE_COUNT = 5;
const MAX_CACHE = 20_000;

/** One level's weights as nlp.js holds them: 32-bit floats per feature, a 64-bit bias. */
interface LevelWeights {
  weights: Float32Array;
  bias: number;
}

/**
 * A linear model over words and letter n-grams (nlp.js' single-layer network), trained inside the
 * project on cases written from the policy (`npm run triage:train`). It is a second, independent
 * reader beside the rule file: it knows no rules, only how the training cases were worded.
 * It scores the few features a message has straight from the weights, as nlp.js' `explain` would
 * (same lookup, same 32-bit weights, same order of adding), without building its dictionaries per call.
 */
export class TriageModel implements ModelReader {
  /** Feature name -> weight index, numbered the way nlp.js' lookup numbers them (a repeated name keeps its first number). */
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly levels = new Map<Level, LevelWeights>();
  // Most features are letter 4-grams, which depend on the word alone: their weight indices are looked up once per word.
  private readonly gramIndices = new WordMemo(MAX_CACHE, (norm) => letterGrams(norm).flatMap((name) => this.index.get(name) ?? []));

  constructor(
    file: ModelFile,
    private readonly normalizer: Normalizer,
  ) {
    for (const name of file.features) {
      if (this.index.has(name)) continue;
      this.index.set(name, this.names.length);
      this.names.push(name);
    }
    file.intents.forEach((level, i) => {
      if (this.levels.has(level)) return;
      const data = file.perceptrons[i];
      const weights = new Float32Array(file.features.length);
      for (let j = 0; j < file.features.length; j++) weights[j] = data[j];
      this.levels.set(level, { weights, bias: data[data.length - 1] });
    });
  }

  static load(normalizer: Normalizer, file: string): TriageModel {
    const parsed = modelFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not a triage model (${parsed.error.issues[0].message})`);
    return new TriageModel(parsed.data, normalizer);
  }

  /** `tokens`: the messages already tokenised by the normaliser this model was given. */
  predict(messages: readonly string[], tokens: readonly (readonly Token[])[] = messages.map((text) => this.normalizer.tokenize(text))): ModelVerdict {
    // The model's features present, in the order they first occur, each with where it first occurs.
    const present: number[] = [];
    const where: { message: number; start: number; end: number }[] = [];
    const seen = new Set<number>();
    messages.forEach((_text, message) => {
      const add = (feature: number | undefined, start: number, end: number) => {
        if (feature === undefined || seen.has(feature)) return;
        seen.add(feature);
        present.push(feature);
        where.push({ message, start, end });
      };
      eachFeature(tokens[message], {
        feature: (name, start, end) => add(this.index.get(name), start, end),
        letterGrams: (norm, start, end) => {
          for (const feature of this.gramIndices.get(norm)) add(feature, start, end);
        },
      });
    });
    // The linear score before the network's cut-off at zero: after the cut-off most unseen texts score
    // 0 on every level and could not be told apart; the scores themselves still rank the levels.
    const scores = Object.fromEntries(
      LEVELS.map((level) => {
        const row = this.levels.get(level);
        let sum = 0;
        if (row) for (const feature of present) sum += row.weights[feature];
        return [level, (row?.bias ?? 0) + sum];
      }),
    ) as Record<Level, number>;
    const level = LEVELS.reduce((best, l) => (scores[l] > scores[best] ? l : best));
    const runnerUp = LEVELS.filter((l) => l !== level).reduce((best, l) => (scores[l] > scores[best] ? l : best));
    const row = this.levels.get(level);
    const other = this.levels.get(runnerUp);
    // A word that weighs as much for the runner-up ("ik", "de") is no reason for this level: a
    // feature counts as evidence by how much more it weighs here than there.
    const evidence = row
      ? present
          .map((feature, k) => ({ feature, k, weight: row.weights[feature] - (other?.weights[feature] ?? 0) }))
          .filter(({ weight }) => weight > 0)
          .sort((a, b) => b.weight - a.weight)
          .slice(0, EVIDENCE_COUNT)
          .map(({ feature, k, weight }) => ({ feature: this.names[feature], weight, ...where[k] }))
      : [];
    return { scores, level, evidence };
  }
}

/**
 * Several models read every message; the verdict that ranks highest counts (the first member's on a
 * tie). Each was trained on more cases than the one before and misses other dangers, so either may
 * raise a case, as the rules and the model may.
 */
export class ModelCommittee implements ModelReader {
  constructor(private readonly members: readonly ModelReader[]) {}

  static load(normalizer: Normalizer, files: readonly string[]): ModelCommittee {
    if (files.length === 0) throw new Error('no triage model (triage-model.json) beside the rule file: run npm run triage:train');
    return new ModelCommittee(files.map((file) => TriageModel.load(normalizer, file)));
  }

  predict(messages: readonly string[], tokens?: readonly (readonly Token[])[]): ModelVerdict {
    const verdicts = this.members.map((member) => member.predict(messages, tokens));
    return verdicts.reduce((best, v) => (LEVELS.indexOf(v.level) > LEVELS.indexOf(best.level) ? v : best));
  }
}
