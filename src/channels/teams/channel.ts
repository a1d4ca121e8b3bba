import type { CloudAdapter, Storage } from 'botbuilder';
import type { CaseRepository } from '../../cases/caseRepository';
import type { Config } from '../../config/config';
import type { ConsoleRepository } from '../../connectors/consoleRepository';
import type { HandoffCore } from '../../handoff/handoffService';
import type { Texts } from '../../i18n/texts';
import type { KeyGuard } from '../../instances/ports';
import type { Logger } from '../../log';
import { TeamsChannelPoster } from './channelPoster';
import { ConnectorCards } from './connectorCards';
import { TeamsMiddleware } from './teamsMiddleware';

export interface TeamsChannel {
  /** Goes on the Bot Framework adapter before the bot's own middleware. */
  middleware: TeamsMiddleware;
  /** The escalation cards, when TEAMS_REQUIRED are set. */
  cards?: ConnectorCards;
  close(): void;
}

export interface TeamsDeps {
  handoff: HandoffCore;
  cases: CaseRepository;
  connectors: ConsoleRepository;
  storage: Storage;
  /** One card change at a time per case, across instances (every instance hears every handoff event). */
  guard: KeyGuard;
  texts: Texts;
  log: Logger;
  audit(connectorId: string, result: string, caseId: string): Promise<void>;
  /** A Bot Framework adapter of its own for the cards (see TeamsChannelPoster). */
  createAdapter(): CloudAdapter;
}

/** Teams arrives through /api/messages like every Bot Framework channel; the cards run only when the config names their channel (all of TEAMS_REQUIRED, or none). */
export function createTeamsChannel(config: Config, deps: TeamsDeps): TeamsChannel {
  const { TEAMS_CONNECTOR_CHANNEL_ID: channelId, TEAMS_SERVICE_URL: serviceUrl, TEAMS_TENANT_ID: tenantId, CONSOLE_PUBLIC_URL: consoleUrl } = config;
  if (!channelId || !serviceUrl || !tenantId || !consoleUrl) return { middleware: new TeamsMiddleware(deps.texts), close: () => undefined };
  const cards = new ConnectorCards({
    handoff: deps.handoff,
    cases: deps.cases,
    connectors: deps.connectors,
    storage: deps.storage,
    guard: deps.guard,
    channel: new TeamsChannelPoster(deps.createAdapter(), config.MicrosoftAppId ?? '', { channelId, serviceUrl, tenantId }),
    texts: deps.texts,
    team: config.DEFAULT_TEAM,
    consoleUrl,
    audit: deps.audit,
    log: deps.log,
  });
  const stop = cards.start();
  return { middleware: new TeamsMiddleware(deps.texts, cards), cards, close: stop };
}
