import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createTriage, Decision, loadRules, Triage } from './index';
import { modelPathsBeside } from './model/model';

/**
 * The triage command: JSON lines in, one decision (or error) line out per non-empty input
 * line, in order. A bad line never stops the others; it only makes the exit code non-zero.
 */

interface Case {
  id: string;
  messages: string[];
}

type Parsed = { ok: true; value: Case } | { ok: false; id: string | number | null; error: string };

export function parseCaseLine(line: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, id: null, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, id: null, error: 'expected a JSON object with "id" and "messages"' };
  const obj = raw as Record<string, unknown>;
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? obj.id : null;
  if (!('id' in obj)) return { ok: false, id, error: 'missing field "id"' };
  if (typeof obj.id !== 'string' || obj.id === '') return { ok: false, id, error: '"id" must be a non-empty string' };
  if (!('messages' in obj)) return { ok: false, id, error: 'missing field "messages"' };
  if (!Array.isArray(obj.messages)) return { ok: false, id, error: '"messages" must be an array of strings' };
  const bad = obj.messages.findIndex((m) => typeof m !== 'string');
  if (bad >= 0) return { ok: false, id, error: `"messages[${bad}]" must be a string` };
  return { ok: true, value: { id: obj.id, messages: obj.messages as string[] } };
}

export function decisionLine(id: string, decision: Decision): string {
  return JSON.stringify({
    id,
    level: decision.level,
    flags: decision.flags.map((f) => ({
      domain: f.domain,
      signal: f.signal,
      evidence: f.evidence,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      ...(f.helpline ? { helpline: f.helpline } : {}),
    })),
    // Words that may mean danger now; in the conversation the bot asks about them.
    ...(decision.hints.length > 0 ? { hints: decision.hints.map((h) => ({ signal: h.signal, evidence: h.evidence, message: h.message })) } : {}),
  });
}

function write(output: Writable, text: string): Promise<void> | undefined {
  if (output.write(text)) return undefined;
  return new Promise((resolve) => output.once('drain', resolve));
}

/** Returns the exit code: 0 when every line was decided, 1 when any line was malformed. */
export async function runCli(input: Readable, output: Writable, triage: Triage = createTriage()): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = false;
  for await (const rawLine of rl) {
    lineNo++;
    const line = (lineNo === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine).trim();
    if (line === '') continue;
    const parsed = parseCaseLine(line);
    let out: string;
    if (parsed.ok) {
      out = decisionLine(parsed.value.id, triage.decide(parsed.value.messages));
    } else {
      failed = true;
      out = JSON.stringify({ id: parsed.id, line: lineNo, error: parsed.error });
    }
    const pending = write(output, out + '\n');
    if (pending) await pending;
  }
  return failed ? 1 : 0;
}

/** `--rules path` lets a professional try an edited rule file before it replaces the default. */
export function rulesArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--rules');
  if (i < 0) return undefined;
  const file = argv[i + 1];
  if (!file) throw new Error('--rules needs a file path');
  return file;
}

if (require.main === module) {
  let triage: Triage;
  try {
    const file = rulesArg(process.argv.slice(2));
    triage = file ? createTriage(loadRules(file), { modelFiles: modelPathsBeside(file) }) : createTriage();
  } catch (e) {
    process.stderr.write(`triage: ${(e as Error).message}\n`);
    process.exit(2);
  }
  runCli(process.stdin, process.stdout, triage).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`triage: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
