/**
 * Writes a seeded reference/current CSV pair of `rows` rows × 10 columns, and a drift.yaml, into `dir`.
 * `highCardinality`: a column of 50,000 merchant ids in place of the 40 regions.
 */
export function generate(dir: string, rows: number, options?: { highCardinality?: boolean }): Promise<void>;
