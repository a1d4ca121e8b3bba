import nl from '../../locales/nl.json';

/** The Dutch texts are the reference: another language file must have the same shape. */
export type Texts = typeof nl;

const locales: Record<string, Texts> = { nl };

export const DEFAULT_LOCALE = 'nl';

/**
 * The bot answers in the language the deployment chose, not the one a channel reports:
 * Teams sends en-US for most Dutch users, and switching to English would lose them.
 */
export function textsFor(locale: string = DEFAULT_LOCALE): Texts {
  return locales[locale] ?? locales[DEFAULT_LOCALE];
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing value is noticed in tests. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
