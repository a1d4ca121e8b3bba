// @nlpjs/lang-nl ships without type declarations; only the stemmer is used here.
declare module '@nlpjs/lang-nl' {
  export class StemmerNl {
    stemWord(word: string): string;
  }
}
