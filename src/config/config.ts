import path from 'node:path';
import { z } from 'zod';
import { officeHoursSchema } from '../handoff/officeHours';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** The WhatsApp channel runs only when every one of these is set. */
export const WHATSAPP_REQUIRED = ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] as const;

/** Escalation cards in a Teams channel need all of these, or none (then no cards are posted). */
export const TEAMS_REQUIRED = ['TEAMS_CONNECTOR_CHANNEL_ID', 'TEAMS_SERVICE_URL', 'TEAMS_TENANT_ID', 'CONSOLE_PUBLIC_URL'] as const;

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Loopback by default: without an app id the bot accepts unauthenticated traffic, which must not reach a network.
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Keys the pseudonyms of conversation and user ids in the logs; unset, they change at every restart.
    LOG_ID_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    // botbuilder's own setting for sovereign and enterprise clouds, where channel tokens are signed by other keys.
    ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    MONGODB_URI: optionalText.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
    MONGODB_DB: optionalText,
    // With MONGODB_URI: how often each instance reads the shared event log where no change stream wakes it.
    EVENT_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(250),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    // The audit log holds ids and codes, no message text; kept longer so a look at a case can be accounted for.
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
    MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(4000),
    // Signs the chat page's cookie; unset, a random one per start (pages then start a new conversation after a restart).
    WEBCHAT_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    // Hours without use after which a device forgets its chat conversation (a shared phone).
    WEBCHAT_FORGET_HOURS: z.coerce.number().min(0.25).max(24 * 30).default(24),
    // Handoff to a wijkverbinder: when the team answers (Europe/Amsterdam), which team gets cases, and how long things may wait.
    OFFICE_HOURS: z.string().trim().default('ma-vr 09:00-17:00').pipe(officeHoursSchema),
    OFFICE_CLOSED_ON_HOLIDAYS: z.stringbool().default(true),
    DEFAULT_TEAM: z.string().trim().min(1).default('bospolder-tussendijken'),
    HANDOFF_REPLY_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
    REOPEN_WITHIN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    // Overlast reports about one address from this many different reporters within this many days make it zwaar (one reporter alone never does).
    REPORT_REPEAT_REPORTERS: z.coerce.number().int().min(2).max(100).default(3),
    REPORT_REPEAT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    // Off by default because local use is plain http://localhost, where a Secure cookie would never be sent back.
    CONSOLE_SECURE_COOKIE: z.stringbool().default(false),
    // ASVS 3.3: an absolute end of at most 12 hours, and an end after inactivity.
    CONSOLE_SESSION_HOURS: z.coerce.number().min(0.25).max(12).default(10),
    CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(12 * 60).default(30),
    // A new login ends the connector's other sessions.
    CONSOLE_SINGLE_SESSION: z.stringbool().default(false),
    // Only behind a reverse proxy that sets X-Forwarded-For: the login limits then count the real client address.
    TRUST_PROXY: z.stringbool().default(false),
    // Only for a deliberate test set-up behind other protection: a bot reachable from a network without Bot Framework authentication.
    ALLOW_UNAUTHENTICATED_BOT: z.stringbool().default(false),
    // WhatsApp Business Cloud API: all four of WHATSAPP_REQUIRED or none (then /api/whatsapp answers 404).
    WHATSAPP_VERIFY_TOKEN: optionalText,
    WHATSAPP_APP_SECRET: optionalText,
    WHATSAPP_TOKEN: optionalText,
    WHATSAPP_PHONE_NUMBER_ID: optionalText,
    WHATSAPP_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    WHATSAPP_API_VERSION: z.string().trim().regex(/^v\d+\.\d+$/, 'must look like v23.0').default('v23.0'),
    // The approved template that asks a resident to reply once the 24-hour customer-service window has closed.
    WHATSAPP_TEMPLATE_REOPEN: optionalText,
    WHATSAPP_TEMPLATE_LANGUAGE: z.string().trim().min(2).default('nl'),
    // Microsoft Teams: the channel where connectors get a card for every escalated case of DEFAULT_TEAM (all of TEAMS_REQUIRED or none).
    TEAMS_CONNECTOR_CHANNEL_ID: optionalText.pipe(z.string().regex(/^19:\S+$/, 'must be a Teams channel id (19:…@thread.tacv2)').optional()),
    TEAMS_SERVICE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TEAMS_TENANT_ID: optionalText.pipe(z.guid('must be a GUID (the Entra tenant id)').optional()),
    // Where wijkverbinders open the console (https://…, no path): the card links to the case there.
    CONSOLE_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  })
  .superRefine((env, ctx) => {
    // Reachable from a network: the bot endpoint must authenticate its callers, and console cookies must need HTTPS.
    if (!isLoopback(env.HOST)) {
      if (!env.MicrosoftAppId && !env.ALLOW_UNAUTHENTICATED_BOT)
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: `is required when HOST (${env.HOST}) is not a loopback address (or set ALLOW_UNAUTHENTICATED_BOT=true)` });
      if (!env.CONSOLE_SECURE_COOKIE)
        ctx.addIssue({ code: 'custom', path: ['CONSOLE_SECURE_COOKIE'], message: `must be true when HOST (${env.HOST}) is not a loopback address` });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    const missing = WHATSAPP_REQUIRED.filter((name) => !env[name]);
    if (missing.length > 0 && missing.length < WHATSAPP_REQUIRED.length) {
      ctx.addIssue({ code: 'custom', path: [missing.join(', ')], message: `${missing.length === 1 ? 'is' : 'are'} missing: WhatsApp needs all of ${WHATSAPP_REQUIRED.join(', ')} (or none)` });
    }
    const teamsMissing = TEAMS_REQUIRED.filter((name) => !env[name]);
    if (teamsMissing.length > 0 && teamsMissing.length < TEAMS_REQUIRED.length) {
      ctx.addIssue({ code: 'custom', path: [teamsMissing.join(', ')], message: `${teamsMissing.length === 1 ? 'is' : 'are'} missing: Teams cards need all of ${TEAMS_REQUIRED.join(', ')} (or none)` });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
  })
  .transform((env) => ({ ...env, OFFICE_HOURS: { ...env.OFFICE_HOURS, closedOnHolidays: env.OFFICE_CLOSED_ON_HOLIDAYS } }));

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; the message names the first offending variable in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join('.') || 'environment';
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/**
 * For the bot and the command-line tools: the config, or undefined after printing the one line that
 * names the wrong variable (the caller then exits with 2). Other errors are bugs and are thrown.
 */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}
