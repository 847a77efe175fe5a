/** The part of jStat (which ships no types) that the statistics use. */
declare module 'jstat' {
  export const jStat: {
    /** The regularized lower incomplete gamma function P(a, x). */
    lowRegGamma(a: number, x: number): number;
  };
}
