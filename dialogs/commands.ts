import type { Texts } from '../src/i18n/texts';

export type Command = 'help' | 'restart' | 'person';

/** Folds case, accents, punctuation and spacing so "Mens!" and " mens " mean the same. */
export function foldForCommands(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}?\-. ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/u, '');
}

/**
 * Commands are recognised only when the message is the command or a short sentence containing it
 * ("ik wil een mens spreken"), so a long answer that mentions "hulp" is still an answer.
 */
export function detectCommand(text: string | undefined, texts: Texts): Command | undefined {
  if (!text) return undefined;
  const folded = foldForCommands(text);
  if (!folded) return undefined;
  const words = folded.split(' ');
  for (const command of ['person', 'restart', 'help'] as const) {
    for (const keyword of texts.commands[command]) {
      if (folded === keyword) return command;
      // Single words ("mens") only count alone: "ik ben ook maar een mens" is not a request.
      if (command === 'person' && keyword.includes(' ') && words.length <= 12 && containsPhrase(folded, keyword)) return command;
    }
  }
  return undefined;
}

/** An empty answer, or one that only says the resident does not know. */
export function isUnknownAnswer(text: string | undefined, texts: Texts): boolean {
  const folded = foldForCommands(text ?? '');
  return folded === '' || texts.commands.unknownAnswers.includes(folded);
}

function containsPhrase(folded: string, phrase: string): boolean {
  return ` ${folded} `.includes(` ${phrase} `);
}
