/** Finding the YAML node behind a JSON path, so every problem points at its key or value. */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export interface Located {
  /** The node at the path (the value). */
  node?: Node;
  /** The key–value pair whose value it is, when it sits in a map. */
  pair?: Pair;
}

/** `segments` as in a JSON pointer: map keys and sequence indices. */
export function locate(document: Document, segments: readonly (string | number)[]): Located {
  return locateFrom(document.contents as Node | null, segments);
}

/** As `locate`, from `node` rather than the document's root: each step scans one map, so a caller walking many siblings starts from each. */
export function locateFrom(from: Node | null, segments: readonly (string | number)[]): Located {
  let node = from;
  let pair: Pair | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return {};
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      pair = undefined;
      node = node.items[Number(segment)] as Node | null;
    } else {
      return {};
    }
    if (!node) return { pair };
  }
  return { node: node ?? undefined, pair };
}

export function keyRange(pair: Pair): [number, number] | undefined {
  const key = pair.key as Node | null;
  return key?.range ? [key.range[0], key.range[1]] : undefined;
}

export function valueRange(node: Node): [number, number] | undefined {
  return node.range ? [node.range[0], node.range[1]] : undefined;
}

/** JSON pointer ("/drift/features/a~1b") → segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The dotted name a person would say: drift.features.wind.method. */
export function dottedName(segments: readonly (string | number)[]): string {
  return segments.join('.');
}
