import type { Collection } from 'mongodb';
import type { ReceivedMessages } from '../receivedMessages';
import { receivedKey } from '../receivedKey';
import type { ReceivedMessageDoc } from './collections';
import { insertUnique } from './uniqueInsert';

export class MongoReceivedMessages implements ReceivedMessages {
  constructor(private readonly collection: Collection<ReceivedMessageDoc>) {}

  firstDelivery(channel: string, messageId: string, at: Date): Promise<boolean> {
    return insertUnique(this.collection, { _id: receivedKey(channel, messageId), at });
  }
}
