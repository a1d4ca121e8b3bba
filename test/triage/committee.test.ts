import path from 'node:path';
import { LEVELS, type Level } from '../../src/triage/decide';
import { loadRules } from '../../src/triage';
import { features } from '../../src/triage/model/features';
import { ModelCommittee, modelPathsBeside, TriageModel, type ModelReader, type ModelVerdict } from '../../src/triage/model/model';
import { Normalizer } from '../../src/triage/normalize';
import { defaultRulesPath } from '../../src/triage/rules';

const says = (level: Level, tag: string): ModelReader => ({
  predict: (): ModelVerdict => ({
    level,
    scores: Object.fromEntries(LEVELS.map((l) => [l, l === level ? 1 : 0])) as Record<Level, number>,
    evidence: [{ feature: tag, weight: 1, message: 0, start: 0, end: 1 }],
  }),
});

describe('the model committee', () => {
  it('takes the verdict that ranks highest, with that member\'s evidence', () => {
    const verdict = new ModelCommittee([says('zwaar', 'first'), says('crisis', 'second'), says('licht', 'third')]).predict(['x']);
    expect(verdict.level).toBe('crisis');
    expect(verdict.evidence[0].feature).toBe('second');
  });

  it('keeps the first member\'s verdict on a tie', () => {
    expect(new ModelCommittee([says('zwaar', 'first'), says('zwaar', 'second')]).predict(['x']).evidence[0].feature).toBe('first');
  });

  it('holds every model shipped beside the rule file, in order', () => {
    expect(modelPathsBeside(defaultRulesPath()).map((file) => path.basename(file))).toEqual(['triage-model.json', 'triage-model-2.json', 'triage-model-3.json']);
  });
});

describe('the model\'s evidence', () => {
  const rules = loadRules();
  const normalizer = new Normalizer({ replace: rules.normalize.replace, clauseBreakers: rules.normalize.clauseBreakers, fillers: rules.matching.fillers });

  it('is what sets its level apart from the runner-up, not what weighs much for both', () => {
    const text = 'ik ruik rook';
    const names = [...new Set(features(normalizer.tokenize(text)).map((feature) => feature.name))];
    // The word features of "ik" and of "rook" (its stem): the first and the last.
    const [ik, rook] = [names.find((name) => name.startsWith('w:'))!, names.filter((name) => name.startsWith('w:')).pop()!];
    // "ik" weighs most for crisis, but as much for zwaar; "rook" weighs less, and only for crisis.
    const weight = (level: Level, name: string) => (name === ik ? (level === 'licht' ? 0 : 9) : name === rook && level === 'crisis' ? 4 : 0);
    const model = new TriageModel(
      { settings: {}, features: names, intents: [...LEVELS], perceptrons: LEVELS.map((level) => [...names.map((name) => weight(level, name)), 0]) },
      normalizer,
    );
    const verdict = model.predict([text]);
    expect(verdict.level).toBe('crisis');
    expect(verdict.evidence.map((e) => [e.feature, e.weight, text.slice(e.start, e.end)])).toEqual([[rook, 4, 'rook']]);
  });
});
