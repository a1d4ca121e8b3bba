import type { Activity } from 'botbuilder';
import { ObjectId } from 'mongodb';
import { decodeBody, encodeBody } from '../jsonBody';
import { asValue } from '../queryValue';
import { residentIdOf, speakerOf, type Speaker } from '../residentScope';
import { timestampOf } from '../transcriptPaging';

/**
 * One activity as a document: who spoke, type, text and time as fields. The activity's own plain
 * fields (ids, timestamps, locale…) are kept in `activity`; everything that can hold keys of any
 * shape (channelData, attachments, entities, values, accounts) stays one JSON string in `encoded`,
 * so any activity reads back exactly as it was logged (see jsonBody).
 */
export interface TranscriptDoc {
  _id: ObjectId;
  channelId: string;
  conversationId: string;
  residentId: string;
  at: Date;
  speaker: Speaker;
  type: string;
  text?: string;
  activity: Record<string, string | number | boolean>;
  encoded: string;
}

/** Plain top-level activity fields with a fixed name: kept as fields when their value is plain. */
const PLAIN = ['id', 'timestamp', 'localTimestamp', 'localTimezone', 'locale', 'textFormat', 'replyToId', 'name', 'inputHint', 'serviceUrl', 'callerId', 'summary', 'speak', 'label', 'valueType', 'attachmentLayout', 'importance', 'deliveryMode', 'topicName', 'action', 'expiration'];

export function transcriptDocOf(activity: Activity): TranscriptDoc {
  // As JSON sees it: dates become text and undefined goes, exactly as a read returns it.
  const { type, text, ...rest } = decodeBody<Record<string, unknown>>(encodeBody(activity));
  const plain: Record<string, string | number | boolean> = {};
  const encoded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (PLAIN.includes(key) && ['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value as string | number | boolean;
    else encoded[key] = value;
  }
  if (text !== undefined && typeof text !== 'string') encoded.text = text;
  return {
    _id: new ObjectId(),
    channelId: asValue(activity.channelId, 'activity.channelId'),
    conversationId: asValue(activity.conversation?.id, 'activity.conversation.id'),
    residentId: residentIdOf(activity),
    at: new Date(timestampOf(activity)),
    speaker: speakerOf(activity),
    type: asValue(type, 'activity.type'),
    ...(typeof text === 'string' ? { text } : {}),
    activity: plain,
    encoded: encodeBody(encoded),
  };
}

export function activityOfDoc(doc: TranscriptDoc): Activity {
  return { ...decodeBody<Record<string, unknown>>(doc.encoded), ...doc.activity, type: doc.type, ...(doc.text !== undefined ? { text: doc.text } : {}) } as unknown as Activity;
}
