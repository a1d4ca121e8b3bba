import type { Activity, CardAction } from 'botbuilder';

/** Meta's limits for one message. */
export const LIMITS = { text: 4096, interactiveBody: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, replyId: 256 } as const;

export interface OutgoingTexts {
  /** The body of a choice message whose own text went out before it (too long for an interactive body). */
  choose: string;
  /** The label of the button that opens a list (at most 20 characters). */
  listButton: string;
  /** Shorter titles for choices too long for a button or row, by the full choice. */
  shortTitles: Record<string, string>;
}

/**
 * One bot message as WhatsApp message bodies (without the recipient): its text, split at sentence
 * ends when longer than WhatsApp takes, and its choices (suggestedActions) as reply buttons (up
 * to 3) or a list (up to 10 rows). A tapped choice comes back with the full choice as its id.
 */
export function outgoingBodies(activity: Partial<Activity>, texts: OutgoingTexts): Array<Record<string, unknown>> {
  const text = activity.text?.trim() ?? '';
  const choices = (activity.suggestedActions?.actions ?? []).filter((action) => choiceValue(action) !== '').slice(0, LIMITS.rows);
  if (choices.length === 0) return splitText(text, LIMITS.text).map(textBody);
  const fitsBody = text !== '' && text.length <= LIMITS.interactiveBody;
  const before = fitsBody ? [] : splitText(text, LIMITS.text).map(textBody);
  return [...before, interactiveBody(fitsBody ? text : texts.choose, choices, texts)];
}

function textBody(body: string): Record<string, unknown> {
  return { type: 'text', text: { body, preview_url: false } };
}

function interactiveBody(body: string, choices: CardAction[], texts: OutgoingTexts): Record<string, unknown> {
  if (choices.length <= LIMITS.buttons) {
    const buttons = choices.map((choice) => ({ type: 'reply', reply: { id: choiceValue(choice), title: shorten(choiceTitle(choice), LIMITS.buttonTitle, texts) } }));
    return { type: 'interactive', interactive: { type: 'button', body: { text: body }, action: { buttons } } };
  }
  const rows = choices.map((choice) => {
    const title = choiceTitle(choice);
    const short = shorten(title, LIMITS.rowTitle, texts);
    return { id: choiceValue(choice), title: short, ...(short !== title ? { description: shorten(title, LIMITS.rowDescription, texts) } : {}) };
  });
  return { type: 'interactive', interactive: { type: 'list', body: { text: body }, action: { button: shorten(texts.listButton, LIMITS.buttonTitle, texts), sections: [{ rows }] } } };
}

function choiceTitle(action: CardAction): string {
  return (action.title || String(action.value ?? '')).trim();
}

function choiceValue(action: CardAction): string {
  return String(action.value ?? action.title ?? '').trim().slice(0, LIMITS.replyId);
}

/** A locale's shorter wording if it has one that fits, else the title cut at a word and marked with "…". */
export function shorten(title: string, max: number, texts: Pick<OutgoingTexts, 'shortTitles'>): string {
  if (title.length <= max) return title;
  const short = texts.shortTitles[title];
  if (short && short.length <= max) return short;
  const cut = title.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** Splits a text into parts of at most `max` characters, at the last sentence end (or else line, or word) that fits. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = lastEnd(window, /[.!?…](?=\s)/g) ?? lastEnd(window, /\n/g) ?? lastEnd(window, /\s/g) ?? max;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

function lastEnd(window: string, pattern: RegExp): number | undefined {
  let end: number | undefined;
  for (const match of window.matchAll(pattern)) {
    const at = match.index + match[0].length;
    if (at <= window.length - 1 && at > 0) end = at;
  }
  return end;
}
