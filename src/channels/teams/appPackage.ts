import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { textsFor } from '../../i18n/texts';
import { repoRoot } from '../../paths';

const USAGE = 'Usage: npm run teams:package -- [--bot-id <Microsoft App ID>] [--base-url https://…] [--privacy-url https://…] [--terms-url https://…] [--out <file.zip>]\n' +
  '       --bot-id defaults to MicrosoftAppId, --base-url to CONSOLE_PUBLIC_URL\n';
const TEAMS_DIR = path.join(repoRoot(), 'teams');
const ICONS = ['color.png', 'outline.png'] as const;

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address' });
const optionsSchema = z.object({
  botId: z.guid('must be the bot\'s Microsoft App ID (a GUID)'),
  baseUrl: httpsUrl,
  privacyUrl: httpsUrl.optional(),
  termsUrl: httpsUrl.optional(),
  out: z.string().trim().min(1).default(path.join('dist', 'teams', 'wijkverbinder-teams.zip')),
});
export type PackageOptions = z.input<typeof optionsSchema>;

/** The manifest: the static parts from teams/manifest.template.json, the bot's id, the deployment's address and the Dutch texts from locales/. */
export function buildManifest(input: PackageOptions): Record<string, unknown> {
  const options = optionsSchema.parse(input);
  const template = JSON.parse(fs.readFileSync(path.join(TEAMS_DIR, 'manifest.template.json'), 'utf8')) as { bots: Array<Record<string, unknown>> } & Record<string, unknown>;
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
  const app = textsFor().teams.app;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    ...template,
    version,
    // One app per bot: the app id follows the bot's, so a second deployment gets its own app.
    id: options.botId,
    developer: { name: app.developer, websiteUrl: base, privacyUrl: options.privacyUrl ?? `${base}/privacy`, termsOfUseUrl: options.termsUrl ?? `${base}/voorwaarden` },
    name: { short: app.shortName, full: app.fullName },
    description: { short: app.shortDescription, full: app.fullDescription },
    bots: template.bots.map((bot) => ({ botId: options.botId, ...bot })),
    // The card's "Open in de console" link goes here.
    validDomains: [new URL(base).host],
  };
}

/** Writes the zip Teams installs: manifest.json and both icons at its root. Returns the path written. */
export function packageTeamsApp(input: PackageOptions): string {
  const options = optionsSchema.parse(input);
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(`${JSON.stringify(buildManifest(options), null, 2)}\n`) };
  for (const icon of ICONS) files[icon] = fs.readFileSync(path.join(TEAMS_DIR, icon));
  const out = path.resolve(options.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zipSync(files));
  return out;
}

/** `npm run teams:package`: options from the command line, else from the same environment the bot reads. */
export function teamsPackageCli(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  let values;
  try {
    values = parseArgs({
      args,
      options: { 'bot-id': { type: 'string' }, 'base-url': { type: 'string' }, 'privacy-url': { type: 'string' }, 'terms-url': { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch {
    process.stderr.write(USAGE);
    return 2;
  }
  const parsed = optionsSchema.safeParse({
    botId: values['bot-id'] ?? env.MicrosoftAppId,
    baseUrl: values['base-url'] ?? env.CONSOLE_PUBLIC_URL,
    privacyUrl: values['privacy-url'],
    termsUrl: values['terms-url'],
    out: values.out,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(`${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
    return 2;
  }
  process.stdout.write(`Wrote ${packageTeamsApp(parsed.data)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = teamsPackageCli(process.argv.slice(2));
