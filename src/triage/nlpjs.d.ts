// @nlpjs/lang-nl and @nlpjs/neural ship without type declarations; these cover what is used here.
declare module '@nlpjs/lang-nl' {
  export class StemmerNl {
    stemWord(word: string): string;
  }
}

declare module '@nlpjs/neural' {
  export class NeuralNetwork {
    constructor(settings?: Record<string, unknown>);
    train(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): { iterations: number; error: number };
    toJSON(): { settings: Record<string, unknown>; features: string[]; intents: string[]; perceptrons: number[][] };
  }
}
