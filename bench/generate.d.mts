/** Writes a seeded reference/current CSV pair of `rows` rows × 10 columns, and a drift.yaml, into `dir`. */
export function generate(dir: string, rows: number): Promise<void>;
