import path from 'node:path';
import { LEVELS, type Level } from '../../src/triage/decide';
import { ModelCommittee, modelPathsBeside, type ModelReader, type ModelVerdict } from '../../src/triage/model/model';
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
    expect(modelPathsBeside(defaultRulesPath()).map((file) => path.basename(file))).toEqual(['triage-model.json', 'triage-model-2.json']);
  });
});
