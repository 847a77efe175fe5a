/** Types of flights.mjs, for the tests that call it. */

/** Writes the flights pair and its drift.yaml into `dir`; `maxRows` keeps the first rows of each half. */
export function prepareFlights(dir: string, maxRows?: number): Promise<void>;

/** Writes windows.yaml beside the pair's drift.yaml. */
export function writeWindowedConfig(dir: string): Promise<void>;
