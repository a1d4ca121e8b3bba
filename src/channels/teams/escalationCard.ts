import consoleTexts from '../../../locales/nl/console.json';
import { domainsOf, type IntakeCase } from '../../cases/case';
import { format, type Texts } from '../../i18n/texts';
import { urgencyRank } from '../../handoff/urgency';

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The verb of the card's "Oppakken" button (Action.Execute). */
export const CLAIM_VERB = 'claim';
// Teams on desktop and mobile renders Adaptive Cards up to 1.5, the version that brought Action.Execute.
const CARD_VERSION = '1.5';
const MODEL_DOMAIN = 'model';

/** What a card shows of a case: never the resident's words or ids, only what helps a connector choose. */
export type CardState =
  | { kind: 'case'; value: IntakeCase; claimedBy?: string }
  /** The resident had their data erased: the card keeps nothing of the case. */
  | { kind: 'erased' };

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * The card in the connectors' Teams channel: level, domains, since when the resident waits, who has
 * the case, a link to it in the console and, while nobody has it, the "Oppakken" button.
 */
export function escalationCard(state: CardState, texts: Texts, consoleUrl: string): AdaptiveCard {
  const card = texts.teams.card;
  if (state.kind === 'erased') return adaptiveCard([textBlock(card.erased)], []);
  const { value } = state;
  const crisis = urgencyRank(value) === 0;
  const domains = domainsOf(value).map((domain) => (domain === MODEL_DOMAIN ? card.modelDomain : domain));
  const since = value.escalatedAt ?? value.updatedAt;
  const body = [
    { type: 'TextBlock', text: crisis ? card.crisisTitle : card.title, style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true, ...(crisis ? { color: 'Attention' } : {}) },
    {
      type: 'FactSet',
      facts: [
        { title: card.level, value: consoleTexts.levels[value.level ?? 'none'] },
        { title: card.domains, value: domains.length > 0 ? domains.join(', ') : card.noDomains },
        // Rendered by Teams in the reader's own time zone and format, so it never goes stale like "waits 5 minutes" would.
        { title: card.waitingSince, value: `{{DATE(${since}, SHORT)}} {{TIME(${since})}}` },
      ],
    },
    ...(value.askedForPerson ? [textBlock(card.askedForPerson)] : []),
    textBlock(statusLine(state, texts), true),
  ];
  const open = { type: 'Action.OpenUrl', title: card.open, url: caseLink(consoleUrl, value.id) };
  const claim = { type: 'Action.Execute', title: card.claim, verb: CLAIM_VERB, data: { caseId: value.id }, style: 'positive' };
  return adaptiveCard(body, value.status === 'escalated' ? [claim, open] : [open]);
}

function statusLine(state: Extract<CardState, { kind: 'case' }>, texts: Texts): string {
  const card = texts.teams.card;
  if (state.value.status === 'claimed') return format(card.claimedBy, { name: state.claimedBy ?? '?' });
  if (state.value.status === 'closed') return card.closed;
  return card.waiting;
}

/** The console opens the case named in the fragment (after a login if needed). */
export function caseLink(consoleUrl: string, caseId: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/console#case=${encodeURIComponent(caseId)}`;
}

function textBlock(text: string, bold = false): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...(bold ? { weight: 'Bolder' } : {}) };
}

function adaptiveCard(body: unknown[], actions: unknown[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, ...(actions.length > 0 ? { actions } : {}) };
}
