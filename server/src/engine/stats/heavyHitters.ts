/**
 * The most frequent values of a column with too many distinct values to count them all: a
 * Misra–Gries summary (Misra & Gries, "Finding repeated elements", Science of Computer
 * Programming 2, 1982) of at most `capacity` counters, merged as Agarwal, Cormode, Huang,
 * Phillips, Wei & Yi show ("Mergeable summaries", PODS 2012, section 3): the counters of two
 * summaries are added, the (capacity + 1)-th largest count is taken from every counter, and
 * those left above 0 are kept.
 *
 * The guarantee is one-sided and stated, not quoted: for every value, counted ≤ true ≤
 * counted + error (a value without a counter is counted 0). A summary made from exact counts
 * keeps the `capacity` largest exactly, and its error is the largest count left out; a merge
 * adds the parts' errors and the count it took from every counter (the true count of a
 * value is the sum of its parts', each within its part's error, before that subtraction).
 */

export interface HeavyHitters {
  /** Value → counted rows, at most `capacity` of them, largest first (ties by value). */
  counts: Map<string, number>;
  /** Every value's true count lies in [counted, counted + error]. */
  error: number;
}

/** The `capacity` largest of exact `counts`, and the largest count left out as the error. */
export function heavyHittersOfCounts(counts: ReadonlyMap<string, number>, capacity: number): HeavyHitters {
  return keptLargest([...counts], capacity, 0, 0);
}

/** The summary of both parts' data together. */
export function mergeHeavyHitters(a: HeavyHitters, b: HeavyHitters, capacity: number): HeavyHitters {
  const sums = new Map(a.counts);
  for (const [value, count] of b.counts) sums.set(value, (sums.get(value) ?? 0) + count);
  const entries = sorted([...sums]);
  // Agarwal et al.: take the (capacity + 1)-th largest count from every counter.
  const taken = entries.length > capacity ? entries[capacity][1] : 0;
  return keptLargest(entries, capacity, taken, a.error + b.error);
}

/**
 * The `capacity` largest entries less `taken` each (those left above 0), with the error
 * `error` plus `taken`, or plus the largest count left out when nothing is taken.
 */
function keptLargest(entries: [string, number][], capacity: number, taken: number, error: number): HeavyHitters {
  const ordered = sorted(entries);
  const kept = ordered
    .slice(0, capacity)
    .flatMap(([value, count]): [string, number][] => (count - taken > 0 ? [[value, count - taken]] : []));
  const leftOut = taken > 0 ? taken : (ordered[capacity]?.[1] ?? 0);
  return { counts: new Map(kept), error: error + leftOut };
}

/** Largest count first, ties in code-unit order of the value: the same summary for the same counts. */
function sorted(entries: [string, number][]): [string, number][] {
  return entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
