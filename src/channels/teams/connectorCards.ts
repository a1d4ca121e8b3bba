import type { Storage, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { IntakeCase } from '../../cases/case';
import type { CaseRepository } from '../../cases/caseRepository';
import type { ConnectorAccount, ConsoleRepository } from '../../connectors/consoleRepository';
import type { HandoffCore } from '../../handoff/handoffService';
import type { KeyGuard } from '../../instances/ports';
import type { HandoffEvent } from '../../handoff/ports';
import type { Texts } from '../../i18n/texts';
import { errorFields, type Logger } from '../../log';
import { ADAPTIVE_CARD_TYPE, CLAIM_VERB, escalationCard, type AdaptiveCard, type CardState } from './escalationCard';

/** Posts a card as a new thread in the connectors' channel and edits it later (see TeamsChannelPoster). */
export interface CardChannel {
  post(card: AdaptiveCard): Promise<PostedCard>;
  update(posted: PostedCard, card: AdaptiveCard): Promise<void>;
}

/** Where a case's card sits in Teams: kept in the bot's state store, so a restart can still edit it. */
const postedCardSchema = z.object({ conversationId: z.string().min(1), activityId: z.string().min(1) });
export type PostedCard = z.infer<typeof postedCardSchema>;

/** The invoke Teams sends when someone presses an Action.Execute button (Universal Actions). */
const actionInvoke = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().max(64),
    data: z.looseObject({ caseId: z.string().min(1).max(200) }),
  }),
});

/** The body of the invoke response: a card that replaces the pressed one, or a short message. */
export type AdaptiveCardResponse =
  | { statusCode: 200; type: typeof ADAPTIVE_CARD_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export interface ConnectorCardsDeps {
  handoff: HandoffCore;
  cases: Pick<CaseRepository, 'get'>;
  connectors: Pick<ConsoleRepository, 'findConnectorByTeamsId' | 'getConnector'>;
  storage: Storage;
  /**
   * Every instance hears every handoff event: the guard lets one change a case's card at a time, so
   * the second finds the card the first posted and edits it instead of posting another.
   */
  guard: KeyGuard;
  channel: CardChannel;
  texts: Texts;
  /** Only this team's cases get a card: the channel is theirs (need-to-know). */
  team: string;
  consoleUrl: string;
  /** Every claim from a card, won or refused, goes in the audit log like a claim in the console. */
  audit(connectorId: string, result: string, caseId: string): Promise<void>;
  log: Logger;
}

const CARD_EVENTS = new Set<HandoffEvent['type']>(['escalated', 'claimed', 'released', 'claim-expired', 'closed', 'reopened', 'erased']);

/**
 * The team's escalated cases as Adaptive Cards in their Teams channel. Every change of a case, from
 * Teams or from the console, edits its card, so everyone in the channel sees the same state; the
 * "Oppakken" button claims through the same handoff service as the console.
 */
export class ConnectorCards {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ConnectorCardsDeps) {}

  /** Follows the handoff events; returns the unsubscribe function. */
  start(): () => void {
    return this.deps.handoff.subscribe((event) => {
      if (!CARD_EVENTS.has(event.type) || event.team !== this.deps.team) return;
      const work = this.deps.guard
        .run(`teams-card:${event.caseId}`, () => (event.type === 'erased' ? this.erase(event.caseId) : this.show(event.caseId)))
        .catch((error: unknown) => this.deps.log.error({ ...errorFields(error), caseId: event.caseId, event: event.type }, 'teams card not posted or updated'))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Resolves once every card change under way is done. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** An Action.Execute from a card: claims the case for the Teams user who pressed, and answers with the card as it now stands. */
  async onAction(context: TurnContext): Promise<AdaptiveCardResponse> {
    const parsed = actionInvoke.safeParse(context.activity.value);
    if (!parsed.success || parsed.data.action.verb !== CLAIM_VERB) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown card action' } };
    }
    const { caseId } = parsed.data.action.data;
    const replies = this.deps.texts.teams.claim;
    const account = await this.accountOf(context.activity.from?.aadObjectId);
    if (!account) return message(replies.notLinked);
    const result = await this.deps.handoff.claim({ id: account.id, displayName: account.displayName, team: account.team }, caseId);
    await this.deps.audit(account.id, result.ok ? 'ok' : result.reason, caseId);
    if (!result.ok && result.reason === 'wrong-team') return message(replies.wrongTeam);
    const value = await this.deps.cases.get(caseId);
    // Claimed or not, the presser sees who has the case now; a lost race shows the winner.
    if (!value) return { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: this.card({ kind: 'erased' }) };
    if (!result.ok && result.reason !== 'already-claimed' && value.status === 'escalated') return message(replies.failed);
    return { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: this.card(await this.stateOf(value)) };
  }

  /** The linked, enabled console account of a Teams user; an unlinked or disabled one cannot claim. */
  private async accountOf(aadObjectId: string | undefined): Promise<ConnectorAccount | undefined> {
    const id = z.guid().safeParse(aadObjectId);
    if (!id.success) return undefined;
    const account = await this.deps.connectors.findConnectorByTeamsId(id.data);
    return account && !account.disabled ? account : undefined;
  }

  private async show(caseId: string): Promise<void> {
    const value = await this.deps.cases.get(caseId);
    if (!value) return;
    const card = this.card(await this.stateOf(value));
    const posted = await this.posted(caseId);
    if (posted) return this.deps.channel.update(posted, card);
    // Only a case that waits gets a new card; a change to one that never had a card (posted before Teams was set up) stays in the console.
    if (value.status !== 'escalated') return;
    const created = await this.deps.channel.post(card);
    await this.deps.storage.write({ [cardKey(caseId)]: { ...created, eTag: '*' } });
  }

  private async erase(caseId: string): Promise<void> {
    const posted = await this.posted(caseId);
    if (!posted) return;
    await this.deps.channel.update(posted, this.card({ kind: 'erased' }));
    await this.deps.storage.delete([cardKey(caseId)]);
  }

  private async posted(caseId: string): Promise<PostedCard | undefined> {
    const stored = (await this.deps.storage.read([cardKey(caseId)]))[cardKey(caseId)];
    const parsed = postedCardSchema.safeParse(stored);
    return parsed.success ? parsed.data : undefined;
  }

  private async stateOf(value: IntakeCase): Promise<CardState> {
    if (!value.claimedBy || value.status !== 'claimed') return { kind: 'case', value };
    return { kind: 'case', value, claimedBy: (await this.deps.connectors.getConnector(value.claimedBy))?.displayName };
  }

  private card(state: CardState): AdaptiveCard {
    return escalationCard(state, this.deps.texts, this.deps.consoleUrl);
  }
}

function cardKey(caseId: string): string {
  return `teams-card/${caseId}`;
}

function message(text: string): AdaptiveCardResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}
