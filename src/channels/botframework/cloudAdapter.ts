import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
// The same copy botbuilder uses (one version in the lock file), so CloudAdapter's instanceof check sees our AuthenticationError.
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../../config/config';

/**
 * The Bot Framework channel (Teams, Emulator, Azure Bot Service). With no app id, botbuilder's
 * authentication accepts unauthenticated traffic, as the Emulator expects; with one, a request
 * without a valid token is refused.
 */
export function createCloudAdapter(config: Config): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(config.ToBotFromChannelOpenIdMetadataUrl ? publicCloudWithKeysFrom(config.ToBotFromChannelOpenIdMetadataUrl) : {}),
  });
  return new CloudAdapter(new RejectingForgedTokens(auth));
}

/**
 * botbuilder takes any one cloud setting as "all settings are given" and leaves the rest empty
 * (which refuses every token), so overriding where the keys come from means naming the others too.
 */
function publicCloudWithKeysFrom(metadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

// jsonwebtoken's own errors; botbuilder rethrows them as they are, and CloudAdapter then answers 500.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder 4.23 lets a token with a bad signature or claims escape as a plain jsonwebtoken error,
 * which CloudAdapter turns into a 500; a forged token is the caller's fault and must be a 401.
 */
class RejectingForgedTokens extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return asUnauthorized(() => this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return asUnauthorized(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return asUnauthorized(() => this.inner.authenticateChannelRequest(authHeader));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}

async function asUnauthorized<T>(authenticate: () => Promise<T>): Promise<T> {
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
      throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
    }
    throw error;
  }
}
