/** Writes a seeded reference/current CSV pair of `rows` rows × 10 columns, and a drift.yaml, into `dir`. */
export function generate(dir: string, rows: number): Promise<void>;
/** mulberry32: a seeded generator of uniforms in [0, 1). */
export function random(seed: number): () => number;
