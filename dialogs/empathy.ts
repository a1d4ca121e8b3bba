import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Texts } from '../src/i18n/texts';

/**
 * One short, warm line before the next question when an answer names a problem, fitted to the
 * heaviest domain named (none for small talk or a plain wish). Fixed texts, so the resident's own words are never echoed back; a line
 * heard once in the conversation is not said again, and when a domain has none left, none is said.
 */
export class Empathy {
  constructor(private readonly texts: Texts, private readonly heard: StatePropertyAccessor<string[] | undefined>) {}

  async lineFor(context: TurnContext, domains: string[]): Promise<string | undefined> {
    const lines = this.texts.intake.empathy as Record<string, string[]>;
    const heard = (await this.heard.get(context)) ?? [];
    // The locale decides which problems get a line: a wish ("Nederlands leren", help with the post) is no burden to acknowledge.
    const burdens = domains.filter((domain) => domain !== 'other' && domain in lines);
    if (burdens.length === 0) return undefined;
    // The general lines serve when every line of the domains named was heard already.
    const line = [...burdens.flatMap((domain) => lines[domain]), ...lines.other].find((candidate) => !heard.includes(candidate));
    if (line) await this.heard.set(context, [...heard, line]);
    return line;
  }
}
