/**
 * Counts per category of a dictionary-encoded column, in one pass: `counts[c]` is the
 * number of rows with code c; code −1 (missing) is skipped. Equals
 * `numpy.bincount(codes[codes >= 0], minlength=categoryCount)`.
 * Throws RangeError for a code outside −1 … categoryCount − 1.
 */
export function categoryCounts(codes: Int32Array, categoryCount: number): Float64Array {
  const counts = new Float64Array(categoryCount);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0 && code < categoryCount) counts[code]++;
    else if (code !== -1) throw new RangeError(`category code ${code} at row ${i} is outside 0…${categoryCount - 1}`);
  }
  return counts;
}

/** categoryCounts of the rows `rows` of `codes` only (a time window's): `numpy.bincount(codes[rows][codes[rows] >= 0], minlength=categoryCount)`. */
export function categoryCountsOfRows(codes: Int32Array, categoryCount: number, rows: Int32Array): Float64Array {
  const counts = new Float64Array(categoryCount);
  for (let i = 0; i < rows.length; i++) {
    const code = codes[rows[i]];
    if (code >= 0 && code < categoryCount) counts[code]++;
    else if (code !== -1)
      throw new RangeError(`category code ${code} at row ${rows[i]} is outside 0…${categoryCount - 1}`);
  }
  return counts;
}
