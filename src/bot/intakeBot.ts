import { ActivityHandler, type BotState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { MainDialog, runMainDialog } from '../../dialogs/mainDialog';
import { HANDOFF_TURN } from './middleware/handoffMiddleware';

/**
 * One bot for every channel: messages run the main dialog; a user joining a conversation
 * (web chat, Emulator, a Teams personal chat) gets the greeting without having to type first.
 */
export class IntakeBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly conversationState: BotState, private readonly userState: BotState, private readonly dialog: MainDialog) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(dialog);

    this.onMessage(async (context, next) => {
      // A message for the wijkverbinder who holds the conversation: the bot keeps quiet.
      if (context.turnState.get(HANDOFF_TURN) !== true) await this.runDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const { membersAdded = [], recipient, conversation } = context.activity;
      // In a personal chat (Teams) the resident is there from the start: the bot being added is the moment to greet.
      const joined = membersAdded.some((member) => member.id !== recipient.id) || (conversation.conversationType === 'personal' && membersAdded.length > 0);
      // Once: an app installed again mid-conversation must not start the greeting over the question that waits.
      if (joined && !(await this.inDialog(context))) await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  /** Whether the resident is in the middle of a dialog (a question is waiting for its answer). */
  async inDialog(context: TurnContext): Promise<boolean> {
    return ((await this.dialogState.get(context))?.dialogStack.length ?? 0) > 0;
  }

  /** Forgets where the dialog was, so the conversation starts afresh when the bot takes it back from a person. */
  async endDialogs(context: TurnContext): Promise<void> {
    await this.dialogState.delete(context);
    await this.conversationState.saveChanges(context);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    await runMainDialog(this.dialog, await this.dialogs.createContext(context));
  }
}
