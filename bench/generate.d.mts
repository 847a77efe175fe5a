/**
 * Writes a seeded reference/current CSV pair of `rows` rows × 10 columns, and a drift.yaml, into `dir`.
 * `highCardinality`: a column of 50,000 merchant ids in place of the 40 regions.
 * `columns`: that many columns, the mix of ten repeated (names suffixed `_2`, `_3`…); 10 by default.
 */
export function generate(
  dir: string,
  rows: number,
  options?: { highCardinality?: boolean; columns?: number },
): Promise<void>;
