import { ConversationState, UserState, type BotAdapter, type TurnContext } from 'botbuilder';
import { MainDialog } from '../../dialogs/mainDialog';
import type { DangerAnswer, PendingDangerCheck } from '../../dialogs/dangerCheck';
import type { PendingErasure } from '../../dialogs/erasureStep';
import type { ConsentRecord, DangerScanner } from '../../dialogs/ports';
import { detectCommand } from '../../dialogs/commands';
import { CaseIntakeService, type CaseTriage } from '../cases/intakeService';
import type { BuddyService } from '../buddies/buddyService';
import { VolunteerDesk } from '../buddies/volunteerDesk';
import { CaseReportService, type RepeatRule } from '../cases/reportService';
import type { HandoffCore } from '../handoff/handoffService';
import type { OfficeHours } from '../handoff/officeHours';
import type { ConnectorAvailability } from '../handoff/ports';
import type { Texts } from '../i18n/texts';
import { errorFields, type Logger } from '../log';
import { isStoreUnavailable } from '../storage/storeErrors';
import type { Stores } from '../storage/stores';
import { IntakeBot } from './intakeBot';
import { StoreErasure } from './residentErasure';
import { CRISIS_TURN } from '../../dialogs/helplines';
import { CrisisMiddleware, type CrisisScanner } from './middleware/crisisMiddleware';
import { HANDOFF_TURN, HandoffMiddleware } from './middleware/handoffMiddleware';
import { InputGuardMiddleware } from './middleware/inputGuard';
import { SenderLineMiddleware } from './middleware/senderLine';
import { TextOnlyMiddleware } from './middleware/textOnly';
import { TranscriptMiddleware } from './middleware/transcriptMiddleware';

export interface BotDeps {
  stores: Stores;
  texts: Texts;
  triage: CaseTriage & CrisisScanner & DangerScanner;
  log: Logger;
  retentionDays: number;
  maxMessageChars: number;
  handoff: BotHandoff;
  /** Light cases and volunteers: a buddy's check-ins go here; new volunteers join `team`. */
  buddies: { service: Pick<BuddyService, 'checkIn' | 'handBack' | 'anotherBuddy' | 'announce'>; team: string };
  /** When repeated reports about one address make it zwaar; 3 reporters within 30 days unless configured. */
  reportRepeat?: RepeatRule;
  now?: () => Date;
  /** Called after a resident is erased, for what a channel holds in memory about the conversation. */
  forgetInMemory?: (channelId: string, conversationId: string) => Promise<void>;
}

/** What the bot needs to hand a conversation to a person: the core, who is online, and when the team is open. */
export interface BotHandoff {
  service: HandoffCore;
  availability: ConnectorAvailability;
  officeHours: OfficeHours;
}

export interface WiredBot {
  logic: (context: TurnContext) => Promise<void>;
  /**
   * Puts the same middleware and error handling on a channel's adapter, so every channel behaves alike.
   * `showsSender`: the channel shows who wrote a person's message itself, so the text needs no name line.
   */
  attach(adapter: BotAdapter, options?: { showsSender?: boolean }): void;
}

const DEFAULT_REPORT_REPEAT: RepeatRule = { reporters: 3, days: 30 };

export function createBot(deps: BotDeps): WiredBot {
  const { stores, texts, log } = deps;
  const conversationState = new ConversationState(stores.storage);
  const userState = new UserState(stores.storage);
  const consent = userState.createProperty<ConsentRecord | undefined>('consent');
  const intake = new CaseIntakeService(stores.cases, deps.triage, deps.now, stores.figures);
  const reports = new CaseReportService(stores.cases, deps.triage, texts.report.kinds, deps.reportRepeat ?? DEFAULT_REPORT_REPEAT, deps.now, (caseId) => deps.handoff.service.escalate(caseId));
  const erasure = new StoreErasure(stores.residents, [conversationState, userState], log, deps.handoff.service, deps.forgetInMemory);
  const pendingErasure = conversationState.createProperty<PendingErasure | undefined>('pendingErasure');
  const pendingDanger = conversationState.createProperty<PendingDangerCheck | undefined>('pendingDanger');
  const dangerAnswer = conversationState.createProperty<DangerAnswer | undefined>('dangerAnswer');
  const empathyHeard = conversationState.createProperty<string[] | undefined>('empathyHeard');
  const volunteerInvited = userState.createProperty<boolean | undefined>('volunteerInvited');
  const volunteers = new VolunteerDesk(stores.volunteers, deps.buddies.service, stores.guard, deps.buddies.team, deps.now);
  const dialog = new MainDialog({
    texts,
    consent,
    intake,
    reports,
    erasure,
    pendingErasure,
    danger: deps.triage,
    pendingDanger,
    dangerAnswer,
    empathyHeard,
    retentionDays: deps.retentionDays,
    volunteers,
    volunteerInvited,
    now: deps.now,
  });
  const bot = new IntakeBot(conversationState, userState, dialog);
  // Before the crisis check, so a crisis message in handoff still reaches the connector and a crisis escalation is announced.
  const handoffMiddleware = new HandoffMiddleware({
    handoff: deps.handoff.service,
    cases: stores.cases,
    availability: deps.handoff.availability,
    officeHours: deps.handoff.officeHours,
    transcripts: stores.transcripts,
    texts,
    answeredByBot: async (context) => detectCommand(context.activity.text, texts) === 'erase' || (await pendingErasure.get(context)) !== undefined,
    endDialogs: (context) => bot.endDialogs(context),
    inDialog: (context) => bot.inDialog(context),
    now: deps.now,
  });

  return {
    logic: (context) => bot.run(context),
    attach(adapter, options = {}) {
      // A crisis, and a message meant for a wijkverbinder, are kept even without consent (a case in handoff before consent is a crisis).
      const shouldLog = async (context: TurnContext) =>
        context.turnState.get(CRISIS_TURN) === true || context.turnState.get(HANDOFF_TURN) === true || (await consent.get(context))?.given === true;
      adapter.use(new InputGuardMiddleware(texts, deps.maxMessageChars, deps.triage));
      adapter.use(new TranscriptMiddleware(stores.transcripts, shouldLog, log, deps.now));
      if (!options.showsSender) adapter.use(new SenderLineMiddleware(texts));
      adapter.use(new TextOnlyMiddleware(texts));
      adapter.use(handoffMiddleware);
      adapter.use(new CrisisMiddleware(deps.triage, intake, texts));
      adapter.onTurnError = async (context, error) => {
        const storeDown = isStoreUnavailable(error);
        log.error({ ...errorFields(error), storeDown, channel: context.activity.channelId, conversation: context.activity.conversation?.id }, 'turn failed');
        await context.sendActivity(storeDown ? texts.errors.storeDown : texts.errors.general).catch(() => undefined);
      };
    },
  };
}
