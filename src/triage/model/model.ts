import fs from 'node:fs';
import path from 'node:path';
import { NeuralNetwork } from '@nlpjs/neural';
import { z } from 'zod';
import { LEVELS, type Level } from '../decide';
import type { Normalizer } from '../normalize';
import { features } from './features';

/** A stretch of the resident's words that pushed the model toward its level. */
export interface ModelEvidence {
  feature: string;
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
  /** The strongest features for that level, strongest first, each with the words it came from. */
  evidence: ModelEvidence[];
}

const modelFileSchema = z.object({
  settings: z.record(z.string(), z.unknown()),
  features: z.array(z.string()).min(1),
  intents: z.array(z.enum(LEVELS)).length(LEVELS.length),
  perceptrons: z.array(z.array(z.number())).length(LEVELS.length),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

/** The model lives beside the rule file it was trained with, so a rule file given on the command line brings its own. */
export const modelPathBeside = (rulesFile: string): string => path.join(path.dirname(rulesFile), 'triage-model.json');

const EVIDENCE_COUNT = 5;

/**
 * A linear model over words and letter n-grams (nlp.js' single-layer network), trained inside the
 * project on cases written from the policy (`npm run triage:train`). It is a second, independent
 * reader beside the rule file: it knows no rules, only how the training cases were worded.
 */
export class TriageModel {
  private readonly network = new NeuralNetwork();

  constructor(
    file: ModelFile,
    private readonly normalizer: Normalizer,
  ) {
    this.network.fromJSON(file);
  }

  static load(normalizer: Normalizer, file: string): TriageModel {
    const parsed = modelFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not a triage model (${parsed.error.issues[0].message})`);
    return new TriageModel(parsed.data, normalizer);
  }

  predict(messages: readonly string[]): ModelVerdict {
    const where = new Map<string, { message: number; start: number; end: number }>();
    messages.forEach((text, message) => {
      for (const f of features(this.normalizer, text)) if (!where.has(f.name)) where.set(f.name, { message, start: f.start, end: f.end });
    });
    const input = Object.fromEntries([...where.keys()].map((name) => [name, 1]));
    // The linear score before the network's cut-off at zero: after the cut-off most unseen texts score
    // 0 on every level and could not be told apart; the scores themselves still rank the levels.
    const explained = Object.fromEntries(LEVELS.map((level) => [level, this.network.explain(input, level)]));
    const scores = Object.fromEntries(
      LEVELS.map((level) => [level, (explained[level].bias ?? 0) + Object.values(explained[level].weights ?? {}).reduce((sum, w) => sum + w, 0)]),
    ) as Record<Level, number>;
    const level = LEVELS.reduce((best, l) => (scores[l] > scores[best] ? l : best));
    const evidence = Object.entries(explained[level].weights ?? {})
      .filter(([, weight]) => weight > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, EVIDENCE_COUNT)
      .map(([feature, weight]) => ({ feature, weight, ...where.get(feature)! }));
    return { scores, level, evidence };
  }
}
