import { recognizeBoolean } from '@microsoft/recognizers-text-suite';
import { RECOGNIZE_LOCALE } from './dutchConfirm';

/** A Dutch yes or no ("jawel", "nee hoor", "liever niet"), or undefined when the text is neither. */
export function recognizeYesNo(text: string | undefined): boolean | undefined {
  const [first] = recognizeBoolean(text ?? '', RECOGNIZE_LOCALE);
  return typeof first?.resolution?.value === 'boolean' ? first.resolution.value : undefined;
}
