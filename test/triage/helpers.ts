import fs from 'node:fs';
import path from 'node:path';
import { createTriage, Triage } from '../../src/triage';

let shared: Triage | undefined;
let rulesOnly: Triage | undefined;

/** The triage as the bot runs it, rules and model; one for the whole test file, since compiling the rules takes a moment. */
export function triage(): Triage {
  return (shared ??= createTriage());
}

/** The rule file alone, for tests of the rules' mechanisms (negation, tense, word boundaries). */
export function rulesTriage(): Triage {
  return (rulesOnly ??= createTriage(undefined, { model: false }));
}

export function signalsOf(text: string | string[]): string[] {
  const messages = Array.isArray(text) ? text : [text];
  return [...new Set(rulesTriage().decide(messages).flags.map((f) => f.signal))];
}

export function levelOf(text: string | string[]): string {
  return rulesTriage().decide(Array.isArray(text) ? text : [text]).level;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * The labelled dev set. shared/triage-samples/ sits beside the repository on developer
 * machines and in CI; the copy in fixtures/ keeps the test meaningful without it.
 */
export function devSetPath(): string {
  const sharedPath = path.resolve(repoRoot, '..', 'shared', 'triage-samples', 'dev.jsonl');
  return fs.existsSync(sharedPath) ? sharedPath : path.join(__dirname, 'fixtures', 'dev.jsonl');
}
