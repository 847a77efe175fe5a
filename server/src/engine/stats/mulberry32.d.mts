/** mulberry32: a seeded generator of uniforms in [0, 1). */
export function mulberry32(seed: number): () => number;
