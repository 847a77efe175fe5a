/**
 * Exactly `round(share × rows)` of `rows` rows, chosen while the rows go by, every choice
 * equally likely: Knuth's selection sampling (TAOCP vol. 2, 3.4.2, Algorithm S). Exact
 * rather than each row on its own with probability `share`, so that `--missing income=0.2`
 * on 5,000 rows empties 1,000 cells, as the user would check.
 */
export class RowChoice {
  private readonly wanted: number;
  private chosen = 0;
  private seen = 0;

  constructor(
    share: number,
    private readonly rows: number,
    private readonly random: () => number,
  ) {
    this.wanted = Math.round(share * rows);
  }

  /** Whether the next row is chosen; asked once per row, in order. */
  next(): boolean {
    const left = this.rows - this.seen++;
    if (left <= 0 || left * this.random() >= this.wanted - this.chosen) return false;
    this.chosen++;
    return true;
  }
}
