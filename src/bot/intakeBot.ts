import { ActivityHandler, type BotState, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { MainDialog, runMainDialog } from '../../dialogs/mainDialog';

/**
 * One bot for every channel: messages run the main dialog; a user joining a conversation
 * (web chat, Emulator) gets the greeting without having to type first.
 */
export class IntakeBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly conversationState: BotState, private readonly userState: BotState, private readonly dialog: MainDialog) {
    super();
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(dialog);

    this.onMessage(async (context, next) => {
      await this.runDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient.id);
      if (joined) await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context);
    await this.userState.saveChanges(context);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    await runMainDialog(this.dialog, await this.dialogs.createContext(context));
  }
}
