/**
 * The bounds on what a config may be, checked before anything that recurses or copies runs:
 * the YAML parser's composer, the schema validator, and the editor assists that read the text.
 * Each is far above any real config, so only a hostile or broken file meets one, and meets
 * it as a problem at the place it is exceeded rather than as a dead process.
 */
import { isAlias, isCollection, isPair, isScalar, Parser, type Document, type Node } from 'yaml';
import { excerpt, formatCount } from '../../protocol/text';
import type { ConfigProblem } from './problem';

/** The largest config accepted, in bytes: 2 MiB, a thousand times a large real config. */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/** The deepest nesting of maps and lists accepted; real configs nest 5 deep. */
export const MAX_NESTING = 100;

/**
 * The most values a config may stand for once its aliases (`*name`) are expanded: as many as
 * the largest config accepted can hold written out, so reusing an anchor for many features is
 * fine, while an alias bomb (each level aliasing the previous one ten times) is stopped.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** The most aliases a config may hold: the YAML library resolves each by a scan of the document's anchors. */
export const MAX_ALIASES = 10_000;

/** The last text checked: the editor asks about the same version on every hover, completion and outline. */
let lastChecked: { text: string; problem: ConfigProblem | undefined } | undefined;

/** A config too large, or nested too deep, to be read: checked on the text, before it is parsed. */
export function textLimitProblem(text: string): ConfigProblem | undefined {
  if (lastChecked?.text !== text) {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: the exact count only when it may matter.
    const bytes = text.length * 3 <= MAX_CONFIG_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
    lastChecked = { text, problem: sizeProblem(bytes) ?? nestingProblem(text) };
  }
  return lastChecked.problem;
}

/** A config of `bytes` bytes is too large. */
export function sizeProblem(bytes: number): ConfigProblem | undefined {
  if (bytes <= MAX_CONFIG_BYTES) return undefined;
  return {
    message: `The config is ${formatCount(bytes)} bytes; the limit is ${formatCount(MAX_CONFIG_BYTES)} bytes (2 MiB), far above any real config.`,
    severity: 'error',
    start: 0,
    end: 1,
    code: 'config-too-large',
  };
}

/**
 * The first collection nested deeper than MAX_NESTING, found on the parser's token tree
 * (the tokenizer keeps its own stack, so it does not recurse) without recursing either.
 */
function nestingProblem(text: string): ConfigProblem | undefined {
  // A stack, pushed in reverse so that tokens come off it in document order.
  const pending = Array.from(new Parser().parse(text), (token) => ({ token, depth: 0 })).reverse();
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    const collection = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
    if (collection && depth >= MAX_NESTING) return tooDeep(token.offset);
    const inner = collection ? depth + 1 : depth;
    if (token.type === 'document' && token.value) pending.push({ token: token.value, depth });
    if (collection)
      for (const item of [...token.items].reverse()) {
        if (item.value) pending.push({ token: item.value, depth: inner });
        if (item.key) pending.push({ token: item.key, depth: inner });
      }
  }
  return undefined;
}

function tooDeep(offset: number): ConfigProblem {
  return {
    message: `Maps and lists nest more than ${MAX_NESTING} deep here; a config needs far fewer levels.`,
    severity: 'error',
    start: offset,
    end: offset + 1,
    code: 'config-too-deep',
  };
}

/**
 * An alias that makes the config stand for more than MAX_EXPANDED_VALUES values, nest more
 * than MAX_NESTING deep once expanded, or contain itself; or one alias too many. One pass in
 * document order: an anchor is always defined before its aliases, so its expanded size is
 * known when they come. It recurses, but only on a document nestingProblem has let through.
 */
export function aliasProblem(document: Document): ConfigProblem | undefined {
  /** The node each anchor name stands for so far: a later anchor of the same name replaces it, as in YAML. */
  const anchors = new Map<string, Node>();
  const expanded = new Map<Node, Size>();
  const open = new Set<Node>();
  let total = 0;
  let aliases = 0;
  let problem: ConfigProblem | undefined;
  const fail = (node: Node, message: string, code: string): undefined => {
    const [start, end] = node.range ?? [0, 1];
    problem = { message, severity: 'error', start, end: Math.max(end, start + 1), code };
    return undefined;
  };
  /** The values `node` stands for, and how deep it nests, once expanded; undefined after a problem. */
  const measure = (node: unknown): Size | undefined => {
    if (problem) return undefined;
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES)
        return fail(
          node,
          `The config holds more than ${formatCount(MAX_ALIASES)} aliases (\`*name\`).`,
          'too-many-aliases',
        );
      const target = anchors.get(node.source);
      if (target && open.has(target))
        return fail(node, `The alias \`*${node.source}\` refers to a map or list it is inside.`, 'alias-cycle');
      // The YAML library leaves an unknown anchor unreported until a value is read, and then throws.
      if (!target)
        return fail(
          node,
          `The alias \`*${excerpt(node.source)}\` names no anchor: set \`&${excerpt(node.source)}\` on a value before it.`,
          'unknown-alias',
        );
      const size = expanded.get(target) ?? { values: 1, depth: 0 };
      total += size.values;
      if (total > MAX_EXPANDED_VALUES)
        return fail(
          node,
          `The alias \`*${node.source}\` expands the config beyond ${formatCount(MAX_EXPANDED_VALUES)} values: aliases that repeat aliases grow exponentially.`,
          'alias-expansion',
        );
      return size;
    }
    total += 1;
    if (!isScalar(node) && !isCollection(node)) return { values: 1, depth: 0 };
    if (node.anchor) anchors.set(node.anchor, node);
    let size: Size = { values: 1, depth: 0 };
    if (isCollection(node)) {
      open.add(node);
      for (const item of node.items) {
        for (const child of isPair(item) ? [item.key, item.value] : [item]) {
          const inner = measure(child);
          if (!inner) return undefined;
          size = { values: size.values + inner.values, depth: Math.max(size.depth, inner.depth + 1) };
        }
      }
      open.delete(node);
      if (size.depth > MAX_NESTING)
        return fail(node, `With its aliases expanded, this nests more than ${MAX_NESTING} deep.`, 'config-too-deep');
    }
    expanded.set(node, size);
    return size;
  };
  measure(document.contents);
  return problem;
}

interface Size {
  values: number;
  depth: number;
}
