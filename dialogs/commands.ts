import type { Texts } from '../src/i18n/texts';

export type Command = 'help' | 'restart' | 'person' | 'erase';

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
  for (const command of ['erase', 'person', 'restart', 'help'] as const) {
    for (const keyword of texts.commands[command]) {
      if (folded === keyword) return command;
      // Erasure is asked in many ways ("kun je mijn gegevens verwijderen?") and is confirmed before anything happens.
      if (command === 'erase' && words.length <= 12 && containsPhrase(folded.replace(/\?+$/u, ''), keyword)) return command;
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
