/** Small helpers on the text of one cell. */

const LINE_FEED = 10;
const SPACE = 32;
const TAB = 9;

/**
 * Line breaks inside a (quoted) cell, so that the lines of later rows stay right:
 * `\r\n`, `\n` and a lone `\r` each count as one, as in an editor.
 */
export function countLineBreaks(text: string): number {
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== LINE_FEED) breaks++;
  }
  return breaks;
}

export function isSpaceOrTab(charCode: number): boolean {
  return charCode === SPACE || charCode === TAB;
}

/**
 * Removes surrounding spaces and tabs only: a quoted cell holding just a line break is text,
 * so that its line break is still counted for line numbers.
 */
export function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * A copy of `text` that does not share memory with the chunk it was cut from. V8 keeps a
 * substring as a view on its parent string, so storing one cell (a category, a label, a
 * header name) would otherwise keep a whole chunk of the file alive.
 */
export function detachText(text: string): string {
  return (' ' + text).slice(1);
}

/** A cell's text as quoted in a message: on one line, cut to a readable length. */
export function quoteCell(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `'${shown.replace(/\r\n|\r|\n/g, '\\n')}'`;
}
