import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/process';
import { removeDir, tempDir } from './helpers/tempDir';

jest.setTimeout(300_000);

/**
 * `npm run bench` in its short mode, so the benchmark cannot rot: it must start all three targets,
 * drive them, print its figures and find every answered message stored once. Its speed figures are
 * never asserted here (they belong to the benchmark's own report, not to a timed test).
 */
it('the benchmark runs end to end in its short mode and loses no message', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'bench.json');
  try {
    const printed = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(ROOT, 'scripts', 'benchmark.mjs'), '--short', '--json', out], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    expect(printed).toMatch(/targets\n/);
    const figures = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const target of [figures.echo, figures.embedded, figures.mongodb]) {
      expect(target.steps.map((step: { connections: number }) => step.connections)).toEqual(figures.plan.steps);
      for (const step of target.steps) {
        expect(step.turnsPerSecond).toBeGreaterThan(0);
        expect(step.p99).toBeGreaterThanOrEqual(step.p50);
        expect(step.firstAnswerMaxMs).toBeGreaterThan(0);
      }
    }
    for (const target of [figures.embedded, figures.mongodb]) {
      expect(target.completeness.turnsChecked).toBeGreaterThan(0);
      expect(target.completeness).toMatchObject({ lost: 0, duplicated: 0, casesMissing: 0 });
    }
    expect(figures.embedded.completeness.intakesFinished).toBeGreaterThan(0);
    expect(figures.memory.conversations).toBe(figures.plan.idle);
    // Both sides of the memory figure are read after a full collection in the bot itself.
    expect(Number.isFinite(figures.memory.heapKbPerConversation)).toBe(true);
    expect(figures.soak.samplesMb.length).toBeGreaterThan(1);
    expect(figures.checks.map((check: { name: string }) => check.name)).toHaveLength(6);
  } finally {
    removeDir(dir);
  }
});
