import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseCaseLine, runCli } from '../../src/triage/cli';
import { devSetPath, repoRoot, triage } from './helpers';

async function run(input: string): Promise<{ code: number; lines: any[]; raw: string }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const code = await runCli(Readable.from([input]), output, triage());
  output.end();
  const raw = Buffer.concat(chunks).toString('utf8');
  return { code, raw, lines: raw.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describe('runCli', () => {
  it('decides each line in order with id, level and flags', async () => {
    const input = [
      JSON.stringify({ id: 'a', messages: ['de kraan lekt'] }),
      JSON.stringify({ id: 'b', messages: ['hoi', 'ik ruik gas in de gang'] }),
      JSON.stringify({ id: 'c', messages: [] }),
    ].join('\n');
    const { code, lines } = await run(input);
    expect(code).toBe(0);
    expect(lines.map((l) => [l.id, l.level])).toEqual([
      ['a', 'licht'],
      ['b', 'crisis'],
      ['c', 'licht'],
    ]);
    expect(Object.keys(lines[1])).toEqual(['id', 'level', 'flags']);
    expect(lines[1].flags[0]).toEqual({
      domain: 'veiligheid',
      signal: 'gas_leak',
      evidence: 'ruik gas',
      severity: 'crisis',
      message: 1,
      start: 3,
      end: 11,
      helpline: 'emergency',
    });
    expect(Object.keys(lines[1].flags[0]).slice(0, 3)).toEqual(['domain', 'signal', 'evidence']);
  });

  it('reports malformed lines, decides the others and exits non-zero', async () => {
    const input = [
      JSON.stringify({ id: 'ok1', messages: ['ik heb geen schulden'] }),
      '{"id": "broken", "messages": [',
      JSON.stringify({ id: 'nomsg' }),
      JSON.stringify({ id: 'str', messages: 'ik ben eenzaam' }),
      JSON.stringify({ id: 'num', messages: ['ok', 42] }),
      JSON.stringify({ messages: ['geen id'] }),
      JSON.stringify({ id: 7, messages: ['id is een getal'] }),
      '[1, 2]',
      JSON.stringify({ id: 'ok2', messages: ['mijn man slaat me'] }),
    ].join('\n');
    const { code, lines } = await run(input);
    expect(code).toBe(1);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatchObject({ id: 'ok1', level: 'licht', flags: [] });
    expect(lines[1]).toMatchObject({ id: null, line: 2, error: expect.stringMatching(/invalid JSON/) });
    expect(lines[2]).toEqual({ id: 'nomsg', line: 3, error: 'missing field "messages"' });
    expect(lines[3]).toEqual({ id: 'str', line: 4, error: '"messages" must be an array of strings' });
    expect(lines[4]).toEqual({ id: 'num', line: 5, error: '"messages[1]" must be a string' });
    expect(lines[5]).toEqual({ id: null, line: 6, error: 'missing field "id"' });
    expect(lines[6]).toEqual({ id: 7, line: 7, error: '"id" must be a non-empty string' });
    expect(lines[7]).toMatchObject({ id: null, line: 8, error: expect.stringMatching(/JSON object/) });
    expect(lines[8]).toMatchObject({ id: 'ok2', level: 'crisis' });
  });

  it('skips empty lines silently but counts them in line numbers', async () => {
    const { code, lines } = await run(`\n\n${JSON.stringify({ id: 'x', messages: ['hoi'] })}\n   \r\nnope\n`);
    expect(code).toBe(1);
    expect(lines).toEqual([{ id: 'x', level: 'licht', flags: [] }, expect.objectContaining({ id: null, line: 5 })]);
  });

  it('writes nothing and exits 0 on empty input', async () => {
    expect(await run('')).toEqual({ code: 0, raw: '', lines: [] });
  });

  it('accepts CRLF line ends and a byte-order mark', async () => {
    const { code, lines } = await run(`\uFEFF${JSON.stringify({ id: 'a', messages: ['x'] })}\r\n${JSON.stringify({ id: 'b', messages: ['y'] })}\r\n`);
    expect(code).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
  });

  it('streams: output for a line is written before the input ends', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const firstLine = new Promise<string>((resolve) => output.once('data', (c: Buffer) => resolve(c.toString())));
    const done = runCli(input, output, triage());
    input.write(JSON.stringify({ id: 'first', messages: ['hoi'] }) + '\n');
    expect(await firstLine).toContain('"first"');
    expect(input.writableEnded).toBe(false);
    input.end();
    expect(await done).toBe(0);
  });

  it('parseCaseLine validates the shape', () => {
    expect(parseCaseLine('{"id":"a","messages":["x"]}')).toEqual({ ok: true, value: { id: 'a', messages: ['x'] } });
    expect(parseCaseLine('null')).toMatchObject({ ok: false, id: null });
  });
});

describe('triage command (spawned node process)', () => {
  let outDir: string;
  let cli: string;

  beforeAll(() => {
    // Compile only the triage module: the rest of the tree belongs to other work in progress.
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-cli-'));
    const dir = path.join(repoRoot, 'src', 'triage');
    const files = ['.', 'model'].flatMap((sub) => fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, sub, f)));
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '--outDir', outDir, '--rootDir', dir, '--module', 'commonjs', '--target', 'ES2022', '--strict',
        '--esModuleInterop', '--skipLibCheck', '--types', 'node', ...files,
      ],
      { cwd: repoRoot, stdio: 'pipe' },
    );
    cli = path.join(outDir, 'cli.js');
  }, 60_000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('the trainer is told which committee members to train by number, and refuses anything else before it trains', () => {
    const res = spawnSync(process.execPath, [path.join(outDir, 'model', 'train.js'), '2', 'alle'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('"alle": name the members to train by number');
  });

  const spawn = (input: string) =>
    spawnSync(process.execPath, [cli, '--rules', path.join(repoRoot, 'locales', 'nl', 'signals.yaml')], {
      input,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    });

  it('decides the dev set line by line and exits 0', () => {
    const input = fs.readFileSync(devSetPath(), 'utf8');
    const res = spawn(input);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const ids = input.trim().split('\n').map((l) => JSON.parse(l).id);
    expect(out.map((o) => o.id)).toEqual(ids);
    for (const o of out) expect(['licht', 'zwaar', 'crisis']).toContain(o.level);
  });

  it('exits non-zero after a malformed line but still decides the rest', () => {
    const res = spawn('{bad json\n{"id":"z","messages":["ik wil dood"]}\n');
    expect(res.status).toBe(1);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ id: null, line: 1 });
    expect(out[1]).toMatchObject({ id: 'z', level: 'crisis' });
  });

  it('prints nothing and exits 0 on empty input', () => {
    const res = spawn('');
    expect(res.status).toBe(0);
    expect(res.stdout).toBe('');
  });

  it('exits 2 with a clear message when the rule file is bad', () => {
    const bad = path.join(outDir, 'bad.yaml');
    fs.writeFileSync(bad, 'version: 1\nsignals: []\n');
    const res = spawnSync(process.execPath, [cli, '--rules', bad], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/bad\.yaml: invalid rule file/);
  });
});
