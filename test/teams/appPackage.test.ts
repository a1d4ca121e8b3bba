import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { teamsPackageCli } from '../../src/channels/teams/appPackage';
import { manifestErrors } from '../helpers/schemas';
import { removeDir, tempDir } from '../helpers/tempDir';

const BOT_ID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';

/** Width, height, colour type and every pixel's alpha of an 8-bit PNG, decoded here so the test trusts no image library. */
function readPng(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const chunk = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      [width, height, colourType] = [chunk.readUInt32BE(0), chunk.readUInt32BE(4), chunk[9]];
      expect(chunk[8]).toBe(8);
    }
    if (type === 'IDAT') data.push(chunk);
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predicted = [0, left, up, (left + up) >> 1, paeth()][filter];
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const alpha = channels === 4 ? Array.from({ length: width * height }, (_, i) => pixels[i * 4 + 3]) : [];
  const rgb = Array.from({ length: width * height }, (_, i) => [pixels[i * channels], pixels[i * channels + 1], pixels[i * channels + 2]]);
  return { width, height, colourType, alpha, rgb };
}

describe('npm run teams:package', () => {
  let dir: string;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    dir = tempDir();
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    removeDir(dir);
  });

  it('zips a manifest that is valid against the Teams schema v1.29, with the bot id, the console address and both icons at the root', () => {
    const out = path.join(dir, 'app.zip');
    expect(teamsPackageCli(['--out', out], { MicrosoftAppId: BOT_ID, CONSOLE_PUBLIC_URL: 'https://wijk.example.nl/' })).toBe(0);
    const files = unzipSync(fs.readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    expect(manifestErrors(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.29',
      id: BOT_ID,
      version: JSON.parse(fs.readFileSync('package.json', 'utf8')).version,
      bots: [{ botId: BOT_ID, scopes: ['personal', 'team'] }],
      developer: { websiteUrl: 'https://wijk.example.nl', privacyUrl: 'https://wijk.example.nl/privacy' },
      validDomains: ['wijk.example.nl'],
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    expect(manifest.$schema).toContain('/v1.29/');

    const color = readPng(files['color.png']);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(files['outline.png']);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    // Transparent around a white drawing, as Teams asks of the outline icon.
    expect(outline.alpha[0]).toBe(0);
    expect(outline.alpha.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    const drawn = outline.rgb.filter((_, i) => outline.alpha[i] > 200);
    expect(drawn.length).toBeGreaterThan(50);
    expect(drawn.every(([r, g, b]) => r > 240 && g > 240 && b > 240)).toBe(true);
  });

  it('takes the options from the command line over the environment', () => {
    const out = path.join(dir, 'cli.zip');
    expect(teamsPackageCli(['--bot-id', BOT_ID, '--base-url', 'https://bot.rotterdam.example', '--privacy-url', 'https://www.rotterdam.nl/privacy', '--out', out], {})).toBe(0);
    const manifest = JSON.parse(strFromU8(unzipSync(fs.readFileSync(out))['manifest.json']));
    expect(manifestErrors(manifest)).toEqual([]);
    expect(manifest.developer).toMatchObject({ websiteUrl: 'https://bot.rotterdam.example', privacyUrl: 'https://www.rotterdam.nl/privacy' });
  });

  it.each([
    ['no bot id', ['--base-url', 'https://wijk.example.nl'], 'botId'],
    ['a bot id that is no GUID', ['--bot-id', 'wijkverbinder', '--base-url', 'https://wijk.example.nl'], 'botId'],
    ['a plain http address', ['--bot-id', BOT_ID, '--base-url', 'http://wijk.example.nl'], 'baseUrl'],
    ['an unknown option', ['--bot-id', BOT_ID, '--name', 'x'], 'Usage'],
  ])('refuses %s with exit code 2 and a line naming it', (_what, args, named) => {
    expect(teamsPackageCli([...args, '--out', path.join(dir, 'x.zip')], {})).toBe(2);
    expect(stderr.mock.calls.join('')).toContain(named);
    expect(fs.existsSync(path.join(dir, 'x.zip'))).toBe(false);
  });
});
