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
    run(input: Record<string, number>): Record<string, number> | undefined;
    explain(input: Record<string, number>, intent: string): { weights?: Record<string, number>; bias?: number };
    toJSON(): { settings: Record<string, unknown>; features: string[]; intents: string[]; perceptrons: number[][] };
    fromJSON(json: { settings: Record<string, unknown>; features: string[]; intents: string[]; perceptrons: number[][] }): void;
  }
}
