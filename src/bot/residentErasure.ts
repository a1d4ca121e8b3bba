import type { BotState, TurnContext } from 'botbuilder';
import type { ResidentErasure } from '../../dialogs/ports';
import { residentKeyOf } from '../cases/case';
import type { HandoffCore } from '../handoff/handoffService';
import type { Logger } from '../log';
import type { ResidentData } from '../storage/residentData';

/**
 * Erases a resident from every store, then drops this turn's cached state as well: otherwise the
 * end of the turn would write the consent and dialog state straight back.
 */
export class StoreErasure implements ResidentErasure {
  constructor(
    private readonly residents: ResidentData,
    private readonly states: BotState[],
    private readonly log: Logger,
    /** Tells every open console that the resident's cases are gone. */
    private readonly handoff: Pick<HandoffCore, 'eraseResident'>,
    /** What a channel keeps for the conversation outside the stores (the chat page's replay buffer, on every instance) is forgotten too. */
    private readonly forgetInMemory: (channelId: string, conversationId: string) => Promise<void> = async () => undefined,
  ) {}

  async erase(context: TurnContext): Promise<void> {
    const { channelId, from, conversation } = context.activity;
    const removed = await this.handoff.eraseResident(residentKeyOf(channelId, from.id), () => this.residents.eraseResident(channelId, from.id));
    for (const state of this.states) await state.delete(context);
    await this.forgetInMemory(channelId, conversation.id);
    this.log.info({ channel: channelId, removed }, 'resident data erased');
  }
}
