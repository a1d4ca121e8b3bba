import { ActivityTypes, type Activity } from 'botbuilder';

/** Sends several short texts as separate bubbles, the way people write on WhatsApp. */
export function messages(...texts: string[]): Partial<Activity>[] {
  return texts.map((text) => ({ type: ActivityTypes.Message, text }));
}
