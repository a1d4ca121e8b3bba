import fs from 'node:fs';
import path from 'node:path';
import { createTriage, Triage } from '../../src/triage';

let shared: Triage | undefined;

/** One triage for the whole test file: compiling the rules takes a moment. */
export function triage(): Triage {
  return (shared ??= createTriage());
}

export function signalsOf(text: string | string[]): string[] {
  const messages = Array.isArray(text) ? text : [text];
  return [...new Set(triage().decide(messages).flags.map((f) => f.signal))];
}

export function levelOf(text: string | string[]): string {
  return triage().decide(Array.isArray(text) ? text : [text]).level;
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
