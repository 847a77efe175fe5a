/**
 * Whether a file writes its numbers with a decimal comma (`15,46`), as spreadsheets in much
 * of Europe do, mostly with `;` between the cells. Read with a point, every such number is
 * text and its column categorical: its drift would be tested on categories, silently.
 */
import type { DecimalSeparator } from './numberParsing';

/** How many data lines of the file's start are looked at. */
const LINES_LOOKED_AT = 1000;

const COMMA_NUMBER = /^[ \t]*[+-]?\d+,\d+(?:[eE][+-]?\d+)?[ \t]*$/;
const POINT_NUMBER = /^[ \t]*[+-]?\d*\.\d+(?:[eE][+-]?\d+)?[ \t]*$/;

export interface DecimalEvidence {
  decimal: DecimalSeparator;
  /** A cell that decided it or, when `ambiguous`, one of each kind. */
  comma?: CellSeen;
  point?: CellSeen;
  /** Cells of both kinds: the file keeps the point, and the report says why. */
  ambiguous: boolean;
}

export interface CellSeen {
  text: string;
  /** The file line, 1 being the header's when the file starts with it. */
  line: number;
}

/**
 * The decimal separator of the file starting with `start` (its first chunk), delimited by
 * `delimiter`: a comma when cells of the first data lines look like `15,46` and none like
 * `15.46`; otherwise a point. With a `,` delimiter an unquoted comma separates cells, so it
 * is always a point. Quoted cells are not looked at: this is a look at the file's start, not
 * a parse (a line is cut at every delimiter).
 */
export function detectDecimalSeparator(start: string, delimiter: string): DecimalEvidence {
  if (delimiter === ',') return { decimal: '.', ambiguous: false };
  let comma: CellSeen | undefined;
  let point: CellSeen | undefined;
  const lines = start.split('\n', LINES_LOOKED_AT + 1);
  // The last piece may be a line cut short by the end of the chunk.
  for (let i = 1; i < lines.length - 1 && !(comma && point); i++) {
    for (const cell of lines[i].replace(/\r$/, '').split(delimiter)) {
      if (!comma && COMMA_NUMBER.test(cell)) comma = { text: cell.trim(), line: i + 1 };
      else if (!point && POINT_NUMBER.test(cell)) point = { text: cell.trim(), line: i + 1 };
    }
  }
  if (comma && !point) return { decimal: ',', comma, ambiguous: false };
  return { decimal: '.', comma, point, ambiguous: comma !== undefined };
}

/** What the report says of a detection that was not the plain point, or nothing. */
export function decimalNote(file: string, evidence: DecimalEvidence): string | undefined {
  const { comma, point } = evidence;
  if (!comma) return undefined;
  if (!evidence.ambiguous)
    return `${file}: numbers are read with a decimal comma ('${comma.text}' on line ${comma.line} is ${comma.text.replace(',', '.')}), as its cells write them; set \`decimal: "."\` in the config to read such cells as text.`;
  return `${file}: some cells look like numbers with a decimal comma ('${comma.text}', line ${comma.line}) and others like numbers with a decimal point ('${point!.text}', line ${point!.line}); the point was kept, so cells like '${comma.text}' are text. Set \`decimal: ","\` in the config if the file writes its numbers with a comma.`;
}
