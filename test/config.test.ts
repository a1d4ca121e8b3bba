import { ConfigError, loadConfig } from '../src/config/config';

describe('configuration', () => {
  it('starts on defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', RETENTION_DAYS: 365, MicrosoftAppType: 'MultiTenant' });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MONGODB_URI: 'http://localhost' }, 'MONGODB_URI'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }, 'MicrosoftAppTenantId'],
  ])('stops on %o with one line naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', MicrosoftAppId: ' ' }).MONGODB_URI).toBeUndefined();
  });
});
