/** The delimiters a file may use, in order of preference on a tie. */
export const DELIMITERS: readonly string[] = [',', ';', '\t'];

const QUOTE = 34;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Detects the delimiter from the header line, the first line holding more than spaces and
 * tabs: the one of `,` `;` and tab that occurs most often in it outside double quotes. On a
 * tie the earlier in that list wins; when none occurs (a single-column file) it is `,`.
 * `start` is the beginning of the file; only its header line is looked at.
 */
export function detectDelimiter(start: string): string {
  let counts = DELIMITERS.map(() => 0);
  let quoted = false;
  let blank = true;
  for (let i = 0; i < start.length; i++) {
    const code = start.charCodeAt(i);
    if (code === QUOTE) {
      quoted = !quoted;
      blank = false;
    } else if (quoted) {
      continue;
    } else if (code === LINE_FEED || code === CARRIAGE_RETURN) {
      if (!blank) break;
      counts = DELIMITERS.map(() => 0);
    } else {
      const delimiter = DELIMITERS.indexOf(start[i]);
      if (delimiter !== -1) counts[delimiter]++;
      if (code !== SPACE && code !== TAB) blank = false;
    }
  }
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return DELIMITERS[best];
}
