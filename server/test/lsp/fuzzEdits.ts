/**
 * The edits fuzz.test.ts sends the language server: random mutations of real configs, drawn from
 * a seeded generator so that a seed names one sequence of edits exactly, and the hostile inputs of
 * the security review, each a config text (and the files it needs) built on demand.
 */
import { readFileSync } from 'node:fs';

/** A seeded generator (mulberry32): the same seed gives the same numbers on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

const fixture = (path: string) => readFileSync(new URL(`../../../test-fixtures/${path}`, import.meta.url), 'utf8');

/**
 * The configs the mutations start from: both demos, and one over the small CSVs of
 * test-fixtures/lsp (copied beside it by the test) that touches most sections of the schema.
 */
export const SEED_CONFIGS: readonly string[] = [
  fixture('demo/drift.yaml'),
  fixture('demo-model/drift.yaml'),
  `# drift-monitor
reference: reference.csv
current: current.csv
columns:
  target: default
  prediction: predicted
  timestamp: ts
  categorical: [city, plan]
  exclude: [id, probability]
drift:
  method: ks
  threshold: 0.05
  share: 0.5
  bins: 10
  thresholds: { psi: 0.2, wasserstein: 0.1 }
  features:
    income: { method: psi, threshold: 0.2 }
    city: { method: chisquare }
performance:
  positive_class: 1
  max_drop: { f1: 0.05, accuracy: 0.1 }
  min: { accuracy: 0.5 }
windows:
  every: 1d
  dynamic_k: 3
retraining:
  when: [dataset_drift]
  min_rows: 10
`,
];

/**
 * Keys of the schema a mutation may write. Those that send data off the machine, run commands
 * or write files (notifications, retraining commands, history paths) are left out: a random
 * edit must never make the server do any of these.
 */
const KEYS = [
  'reference',
  'current',
  'columns',
  'drift',
  'task',
  'performance',
  'windows',
  'models',
  'datasets',
  'retraining',
  'target',
  'prediction',
  'probability',
  'timestamp',
  'numerical',
  'categorical',
  'exclude',
  'method',
  'threshold',
  'thresholds',
  'share',
  'bins',
  'features',
  'psi',
  'ks',
  'wasserstein',
  'positive_class',
  'baseline',
  'max_drop',
  'min',
  'max',
  'every',
  'dynamic_k',
  'name',
  'when',
  'min_rows',
  'f1',
  'rocAuc',
  'income',
  'city',
  'refrence',
  'colums',
  '',
  '?',
  '- ',
  '<<',
  '"quoted key"',
  'ключ',
];

/** Data files a mutation may name: the fixtures copied beside the config, and some that are not there. */
const PATHS = ['reference.csv', 'current.csv', 'bom.csv', 'empty.csv', 'quoted-semicolon.csv', 'missing.csv', ''];

const VALUES = [
  ...PATHS,
  '0',
  '-1',
  '0.5',
  '1e309',
  '-0',
  '.nan',
  '.inf',
  '0x1F',
  '99999999999999999999999',
  'true',
  'no',
  'null',
  '~',
  '[]',
  '{}',
  '[a, b, c]',
  '{ method: psi, threshold: 0.2 }',
  '[',
  '{',
  ']',
  '"unterminated',
  "'single'",
  '|\n  block\n  text',
  '>-\n  folded',
  '&anchor value',
  '*anchor',
  '*undefined_alias',
  '!!binary aGVsbG8=',
  '!custom tag',
  '2026-01-01',
  '1w',
  '0d',
  '-3h',
  'auto',
  'ks',
  'psi',
  'nonsense_method',
  'é',
  'naïve café',
  '日本語の列',
  '😀🚀',
  '\u200b',
  '\u202eright-to-left',
  'e\u0301',
  '"\\u0000 nul"',
  '"\\x1b[31mred"',
  'x'.repeat(2_000),
];

/** Characters random insertions draw from: control characters, separators of YAML, unicode of every width. */
const CHARACTERS = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '😀',
  'é',
  '字',
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '?',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
];

type Mutation = (text: string, random: Random) => string;

/** A line of `text` as [start, end] offsets (the end before its line break). */
function randomLine(text: string, random: Random): [number, number] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const start = random.pick(starts);
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

const indent = (random: Random) => ' '.repeat(random.pick([0, 0, 2, 2, 4, 6, 1, 3]));

/** The mutations, by name (the name is printed with a failing edit). */
const MUTATIONS: Record<string, Mutation> = {
  'set a value': (text, random) => {
    const [start, end] = randomLine(text, random);
    const line = text.slice(start, end);
    const colon = line.indexOf(':');
    if (colon < 0) return text.slice(0, end) + ': ' + random.pick(VALUES) + text.slice(end);
    return text.slice(0, start) + line.slice(0, colon + 1) + ' ' + random.pick(VALUES) + text.slice(end);
  },
  'rename a key': (text, random) => {
    const [start, end] = randomLine(text, random);
    const line = text.slice(start, end);
    const key = /^(\s*(?:- )?)([^:#]*)(:.*)?$/.exec(line);
    if (!key) return text;
    return text.slice(0, start) + key[1] + random.pick(KEYS) + (key[3] ?? ':') + text.slice(end);
  },
  'insert a line': (text, random) => {
    const [start] = randomLine(text, random);
    return `${text.slice(0, start)}${indent(random)}${random.pick(KEYS)}: ${random.pick(VALUES)}\n${text.slice(start)}`;
  },
  'delete a line': (text, random) => {
    const [start, end] = randomLine(text, random);
    return text.slice(0, start) + text.slice(end + 1);
  },
  'duplicate a line': (text, random) => {
    const [start, end] = randomLine(text, random);
    return text.slice(0, end) + '\n' + text.slice(start, end) + text.slice(end);
  },
  'delete characters': (text, random) => {
    const at = random.below(text.length + 1);
    return text.slice(0, at) + text.slice(at + 1 + random.below(20));
  },
  'insert characters': (text, random) => {
    const at = random.below(text.length + 1);
    const inserted = Array.from({ length: 1 + random.below(8) }, () => random.pick(CHARACTERS)).join('');
    return text.slice(0, at) + inserted + text.slice(at);
  },
  'insert random code units': (text, random) => {
    const at = random.below(text.length + 1);
    const inserted = String.fromCharCode(...Array.from({ length: 1 + random.below(16) }, () => random.below(0x10000)));
    return text.slice(0, at) + inserted + text.slice(at);
  },
  'reindent a line': (text, random) => {
    const [start, end] = randomLine(text, random);
    return (
      text.slice(0, start) +
      random.pick(['', ' ', '\t', '      ']) +
      text.slice(start, end).trimStart() +
      text.slice(end)
    );
  },
  truncate: (text, random) => text.slice(0, random.below(text.length + 1)),
  'CRLF line endings': (text) => text.replace(/\r?\n/g, '\r\n'),
  'CR line endings': (text) => text.replace(/\r?\n/g, '\r'),
  'byte order mark': (text) => (text.startsWith('\ufeff') ? text.slice(1) : '\ufeff' + text),
  'swap two lines': (text, random) => {
    const lines = text.split('\n');
    const a = random.below(lines.length);
    const b = random.below(lines.length);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join('\n');
  },
};

export interface Edit {
  /** What was done to the text, in words: printed with a failing edit. */
  description: string;
  text: string;
}

/**
 * The next edit: most mutate the previous text once to three times; one in forty starts again
 * from a seed config, so that the text keeps looking like a config rather than noise.
 */
export function nextEdit(previous: string, random: Random): Edit {
  if (random.below(40) === 0) {
    const seed = random.below(SEED_CONFIGS.length);
    return { description: `seed config ${seed}`, text: SEED_CONFIGS[seed]! };
  }
  const names = Array.from({ length: 1 + random.below(3) }, () => random.pick(Object.keys(MUTATIONS)));
  let text = previous;
  for (const name of names) text = MUTATIONS[name]!(text, random);
  // A config that grew by repeated duplications starts again: the hostile sizes have their own tests.
  if (text.length > 20_000) text = SEED_CONFIGS[0]!;
  return { description: names.join(', '), text };
}
