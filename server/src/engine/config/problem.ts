/** A problem found in a config: where (offsets into its text), how bad, and what would fix it. */
import type { Document } from 'yaml';
import { keyRange, locate, valueRange } from './nodes';

export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** A stable identifier for the kind of problem (for quick fixes and tests). */
  code: string;
  /** A replacement that would fix it (did-you-mean). */
  suggestion?: string;
}

/** A range as a problem's span: at least one character wide, so the editor can show it. */
export function span([start, end]: [number, number]): { start: number; end: number } {
  return { start, end: Math.max(end, start + 1) };
}

/** A problem at the key or the value the JSON path `segments` leads to; the first character when the path leads nowhere. */
export function problemAt(
  document: Document,
  segments: readonly (string | number)[],
  on: 'key' | 'value',
  severity: ConfigProblem['severity'],
  code: string,
  message: string,
): ConfigProblem {
  const { node, pair } = locate(document, segments);
  const range = (on === 'key' && pair ? keyRange(pair) : node && valueRange(node)) ?? [0, 1];
  return { message, severity, ...span(range), code };
}
