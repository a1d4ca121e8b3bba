import type { ReceivedMessages } from '../receivedMessages';
import { receivedKey } from '../receivedKey';
import type { SqliteDatabase } from './database';

export class SqliteReceivedMessages implements ReceivedMessages {
  constructor(private readonly db: SqliteDatabase) {}

  async firstDelivery(channel: string, messageId: string, at: Date): Promise<boolean> {
    const insert = this.db.prepare('INSERT INTO received_messages (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    return insert.run(receivedKey(channel, messageId), at.toISOString()).changes === 1;
  }
}
