import { ConfigError, loadConfig } from '../src/config/config';

describe('configuration', () => {
  it('starts on defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', RETENTION_DAYS: 365, MicrosoftAppType: 'MultiTenant', REPORT_REPEAT_REPORTERS: 3, REPORT_REPEAT_DAYS: 30 });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    // One reporter must never be enough to raise an address.
    [{ REPORT_REPEAT_REPORTERS: '1' }, 'REPORT_REPEAT_REPORTERS'],
    [{ REPORT_REPEAT_DAYS: '0' }, 'REPORT_REPEAT_DAYS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MONGODB_URI: 'http://localhost' }, 'MONGODB_URI'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }, 'MicrosoftAppTenantId'],
    // Attack: a bot started on a network address without authentication, or with console cookies that travel over plain http.
    [{ HOST: '0.0.0.0' }, 'MicrosoftAppId'],
    [{ HOST: '10.1.2.3', CONSOLE_SECURE_COOKIE: 'true' }, 'MicrosoftAppId'],
    [{ HOST: '0.0.0.0', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }, 'CONSOLE_SECURE_COOKIE'],
    [{ HOST: '::', ALLOW_UNAUTHENTICATED_BOT: 'true' }, 'CONSOLE_SECURE_COOKIE'],
  ])('stops on %o with one line naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('lets a network address through with authentication and secure cookies, or with the explicit opt-out', () => {
    expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b', CONSOLE_SECURE_COOKIE: 'true' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_BOT: 'true', CONSOLE_SECURE_COOKIE: 'true' }).HOST).toBe('0.0.0.0');
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', 'localhost']) expect(loadConfig({ HOST: host }).HOST).toBe(host);
  });

  it.each([
    [{ WHATSAPP_TOKEN: 't' }, 'WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_PHONE_NUMBER_ID'],
    [{ WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_TOKEN: 't' }, 'WHATSAPP_PHONE_NUMBER_ID'],
  ])('stops on part of the WhatsApp settings (%o) with one line naming every missing one', (env, missing) => {
    expect(() => loadConfig(env)).toThrow(`Invalid configuration: ${missing} `);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('runs without WhatsApp when none of its settings are set, and with all four', () => {
    expect(loadConfig({}).WHATSAPP_TOKEN).toBeUndefined();
    const all = { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's', WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '1' };
    expect(loadConfig(all)).toMatchObject({ ...all, WHATSAPP_API_BASE_URL: 'https://graph.facebook.com', WHATSAPP_API_VERSION: 'v23.0' });
  });

  const teams = { TEAMS_CONNECTOR_CHANNEL_ID: '19:abc123@thread.tacv2', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/', TEAMS_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', CONSOLE_PUBLIC_URL: 'https://wijk.example.nl' };

  it.each([
    [{ TEAMS_CONNECTOR_CHANNEL_ID: teams.TEAMS_CONNECTOR_CHANNEL_ID }, 'TEAMS_SERVICE_URL, TEAMS_TENANT_ID, CONSOLE_PUBLIC_URL'],
    [{ ...teams, CONSOLE_PUBLIC_URL: '' }, 'CONSOLE_PUBLIC_URL'],
  ])('stops on part of the Teams card settings (%o) with one line naming every missing one', (env, missing) => {
    expect(() => loadConfig(env)).toThrow(`Invalid configuration: ${missing} `);
  });

  it('runs without Teams cards when none of their settings are set, and with all of them; a wrong channel or tenant id is named', () => {
    expect(loadConfig({}).TEAMS_CONNECTOR_CHANNEL_ID).toBeUndefined();
    expect(loadConfig(teams)).toMatchObject(teams);
    expect(() => loadConfig({ ...teams, TEAMS_CONNECTOR_CHANNEL_ID: 'general' })).toThrow('Invalid configuration: TEAMS_CONNECTOR_CHANNEL_ID must be a Teams channel id');
    expect(() => loadConfig({ ...teams, TEAMS_TENANT_ID: 'contoso' })).toThrow('Invalid configuration: TEAMS_TENANT_ID must be a GUID');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', MicrosoftAppId: ' ' }).MONGODB_URI).toBeUndefined();
  });
});
