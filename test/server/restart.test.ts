import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { followUpTexts, texts } from '../helpers/conversation';
import { exited, ROOT, startBotProcess } from '../helpers/process';
import { activity, postActivity, replyTexts } from '../helpers/server';
import { removeDir, tempDir } from '../helpers/tempDir';

describe('the bot process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => removeDir(dataDir));

  it('resumes the intake after SIGKILL on the same ./data: the next question is "Wat kun je?"', async () => {
    const first = await startBotProcess({ DATA_DIR: dataDir });
    try {
      await postActivity(first.baseUrl, activity('restart-me', 'hallo'));
      await postActivity(first.baseUrl, activity('restart-me', 'ja'));
      const answered = await postActivity(first.baseUrl, activity('restart-me', 'Ik heb last van schimmel in huis'));
      expect(replyTexts(answered.json).at(-1)).toBe(texts.intake.kan);
    } finally {
      first.child.kill('SIGKILL');
      await exited(first.child);
    }

    const second = await startBotProcess({ DATA_DIR: dataDir });
    try {
      const help = await postActivity(second.baseUrl, activity('restart-me', 'help'));
      expect(replyTexts(help.json)).toEqual([texts.help.text, texts.intake.kan]);
      await postActivity(second.baseUrl, activity('restart-me', 'ik kan goed schilderen'));
      const followUp = await postActivity(second.baseUrl, activity('restart-me', 'iemand die helpt'));
      expect(replyTexts(followUp.json)).toEqual([followUpTexts.question]);
      const end = await postActivity(second.baseUrl, activity('restart-me', followUpTexts.done));
      expect(replyTexts(end.json)[0]).toContain('"Ik heb last van schimmel in huis"');
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });

  it('starts on a fresh machine where the data folder does not exist yet, and creates it', async () => {
    const fresh = path.join(dataDir, 'not', 'there', 'yet');
    const bot = await startBotProcess({ DATA_DIR: fresh });
    try {
      expect(await (await fetch(`${bot.baseUrl}/healthz`)).json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    } finally {
      bot.child.kill('SIGTERM');
      await exited(bot.child);
    }
  }, 60_000);

  it('of two processes started at the same moment on one embedded store, exactly one runs', async () => {
    const children = [0, 1].map(() =>
      spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    const stderr = ['', ''];
    children.forEach((child, i) => child.stderr!.on('data', (chunk: Buffer) => (stderr[i] += chunk.toString())));
    // The loser gives up by itself; then the winner is stopped. Two winners would never end (the test times out).
    const loser = await Promise.race(children.map((child, i) => exited(child).then(() => i)));
    const winner = children[1 - loser];
    expect(stderr[loser]).toMatch(/already uses/);
    expect(winner.exitCode).toBeNull();
    winner.kill('SIGTERM');
    await exited(winner);
  }, 60_000);

  it('refuses a second process on the same embedded store with one line, and starts once the first has stopped', async () => {
    const first = await startBotProcess({ DATA_DIR: dataDir });
    try {
      const second = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toMatch(/^Wijkverbinder could not start: another Wijkverbinder process \(pid \d+ on .+\) already uses .+; the embedded store serves one instance: stop it, or set MONGODB_URI to run several$/);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await exited(first.child);
    }
    // A stopped (or killed) first process leaves nothing that keeps the next one out.
    const next = await startBotProcess({ DATA_DIR: dataDir });
    next.child.kill('SIGKILL');
    await exited(next.child);
    const afterKill = await startBotProcess({ DATA_DIR: dataDir });
    afterKill.child.kill('SIGTERM');
    await exited(afterKill.child);
  }, 120_000);

  it('stops with one clear line naming the variable when the configuration is wrong', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: 'seventy', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: PORT /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to start on a network address without Bot Framework authentication (attack: an open bot endpoint)', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
      env: { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: '0', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: MicrosoftAppId is required when HOST \(0\.0\.0\.0\) is not a loopback address/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
