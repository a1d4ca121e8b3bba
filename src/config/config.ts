import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Loopback by default: without an app id the bot accepts unauthenticated traffic, which must not reach a network.
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    // botbuilder's own setting for sovereign and enterprise clouds, where channel tokens are signed by other keys.
    ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    MONGODB_URI: optionalText.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
    MONGODB_DB: optionalText,
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(100_000).default(4000),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
  });

export type Config = z.infer<typeof configSchema> & { dataDir: string };

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
