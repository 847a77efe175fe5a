/**
 * The limits on a config (engine/config/limits.ts), through configFromText and loadConfig:
 * legitimate alias reuse is read, and a config too large, too deep or that expands too far is
 * one InputError naming the file and line, with a short message, instead of a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import schema from '../../../../schemas/drift-monitor.schema.json';
import { InputError } from '../../../src/engine/inputError';
import { MAX_ALIASES, MAX_CONFIG_BYTES, MAX_NESTING } from '../../../src/engine/config/limits';
import { configFromText, loadConfig } from '../../../src/engine/config/load';
import { parseConfig } from '../../../src/engine/config/parse';
import { excerpt } from '../../../src/protocol/text';
import {
  SELF_ALIAS,
  aliasBomb,
  anchorReuse,
  longExcludeList,
  manyFeatures,
  nestedBrackets,
  nestedDashes,
  oneLongString,
} from './hostileConfigs';

const CONFIG = '/home/user/project/drift.yaml';
const scratch = mkdtempSync(path.join(tmpdir(), 'drift-config-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The InputError configFromText throws for `text`. */
function refusal(text: string): InputError {
  try {
    configFromText(text, CONFIG, 'drift.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

const codes = (text: string) => parseConfig(text, CONFIG).problems.map((problem) => problem.code);

describe('aliases', () => {
  it('reads one anchor reused by 150 features (more than the YAML library allows by default)', () => {
    const config = configFromText(anchorReuse(150), CONFIG);
    expect(Object.keys(config.drift.features)).toHaveLength(150);
    expect(config.drift.features.f149).toEqual({ method: 'psi' });
  });

  it('refuses an alias bomb at the alias that crosses the limit', () => {
    const text = aliasBomb();
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => [p.code, text.slice(p.start, p.end)])).toEqual([['alias-expansion', '*a4']]);
    expect(refusal(text).message).toBe(
      'drift.yaml line 6, column 45: The alias `*a4` expands the config beyond 1,000,000 values: aliases that repeat aliases grow exponentially.',
    );
  });

  it('refuses an alias of an anchor never set, at the alias, instead of throwing', () => {
    const text = 'reference: r.csv\ncurrent: *nope\n';
    expect(parseConfig(text, CONFIG).problems.map((p) => [p.code, text.slice(p.start, p.end)])).toEqual([
      ['unknown-alias', '*nope'],
    ]);
    expect(refusal(text).message).toBe(
      'drift.yaml line 2, column 10: The alias `*nope` names no anchor: set `&nope` on a value before it.',
    );
    expect(configFromText('reference: &r r.csv\ncurrent: *r\n', CONFIG).current.written).toBe('r.csv');
  });

  it('refuses an alias inside the list it names', () => {
    expect(refusal(SELF_ALIAS).message).toBe(
      'drift.yaml line 4, column 22: The alias `*loop` refers to a map or list it is inside.',
    );
  });
});

describe('aliases beyond the other limits', () => {
  it(`refuses more than ${MAX_ALIASES.toLocaleString('en-US')} aliases, at the first one too many`, () => {
    const aliases = (n: number) => `x: &x 1\ny: [${Array(n).fill('*x').join(', ')}]\n`;
    expect(codes(aliases(MAX_ALIASES))).not.toContain('too-many-aliases');
    const text = aliases(MAX_ALIASES + 1);
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => [p.code, p.start, p.message])).toEqual([
      ['too-many-aliases', text.lastIndexOf('*x'), 'The config holds more than 10,000 aliases (`*name`).'],
    ]);
  });

  it('refuses aliases that nest deeper than the limit once expanded, at the map or list that crosses it', () => {
    // Each level is a list holding the one before: a few lines deep as written, 101 levels expanded.
    const lines = ['a0: &a0 [x]'];
    for (let i = 1; i <= MAX_NESTING; i++) lines.push(`a${i}: &a${i} [*a${i - 1}]`);
    const text = lines.join('\n') + '\n';
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => [p.code, text.slice(p.start, p.end)])).toEqual([
      ['config-too-deep', `[*a${MAX_NESTING - 1}]`],
    ]);
  });
});

describe('nesting', () => {
  it(`accepts ${MAX_NESTING} levels of maps and lists and refuses one more, before parsing`, () => {
    // The root map is the first level.
    expect(codes(`x: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}\n`)).not.toContain('config-too-deep');
    expect(codes(`x: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}\n`)).toEqual(['config-too-deep']);
  });

  it('points at the first place in the text that nests too deep', () => {
    const deep = `${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`;
    const text = `a: ${deep}\nb: ${deep}\n`;
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => p.start)).toEqual([3 + MAX_NESTING - 1]);
  });

  it('refuses 50,000 nested brackets or dashes at the level past the limit, with no stack overflow', () => {
    expect(refusal(nestedBrackets(50_000)).message).toBe(
      'drift.yaml line 3, column 109: Maps and lists nest more than 100 deep here; a config needs far fewer levels.',
    );
    expect(refusal(nestedDashes(50_000)).message).toBe(
      'drift.yaml line 4, column 199: Maps and lists nest more than 100 deep here; a config needs far fewer levels.',
    );
  });
});

describe('size', () => {
  it('refuses a config over the limit with a short message, from the text and from the file unread', async () => {
    const text = oneLongString(MAX_CONFIG_BYTES);
    const message =
      'drift.yaml line 1, column 1: The config is 2,097,205 bytes; the limit is 2,097,152 bytes (2 MiB), far above any real config.';
    expect(refusal(text).message).toBe(message);
    const file = path.join(scratch, 'drift.yaml');
    writeFileSync(file, text);
    await expect(loadConfig(file, 'drift.yaml')).rejects.toThrow(message);
  });

  it('counts bytes, not characters', () => {
    // 700,000 three-byte characters: 2.1 MB in UTF-8.
    expect(codes(`task: ${'€'.repeat(700_000)}\n`)).toEqual(['config-too-large']);
  });

  it('quotes at most an excerpt of a long value or key', () => {
    const long = 'x'.repeat(100_000);
    const messages = [
      oneLongString(100_000),
      `reference: r.csv\ncurrent: c.csv\n? ${long}\n: 1\n`,
      `reference: r.csv\ncurrent: c.csv\ncolumns: { numerical: [${long}], categorical: [${long}] }\n`,
    ].flatMap((text) => parseConfig(text, CONFIG).problems.map((problem) => problem.message));
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages) {
      expect(message.length).toBeLessThan(400);
      expect(message).toContain(excerpt(long));
    }
  });

  it('finds the one duplicate in 40,000 excluded names', () => {
    const text = longExcludeList(40_000).replace('column_39999', 'column_17');
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => p.message)).toEqual([
      '`columns.exclude` lists the same name twice (items 17 and 39999).',
    ]);
  });

  it('lets the validator check duplicates with a hash: every list of unique items declares the type of its items', () => {
    // ajv compares every pair of items (quadratic: 13.8 s for 40,000 names) unless the items' own schema names a scalar type.
    const unique: { path: string; itemType: unknown }[] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      const schemaNode = node as { uniqueItems?: boolean; items?: { type?: unknown } };
      if (schemaNode.uniqueItems) unique.push({ path: at, itemType: schemaNode.items?.type });
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(schema, '#');
    expect(unique.length).toBeGreaterThan(0);
    for (const list of unique)
      expect(list, list.path).toMatchObject({ itemType: expect.stringMatching(/string|number|integer|boolean/) });
  });
});

describe('validation in linear time', () => {
  // Before, each feature's settings were located from the root (a scan of every feature) and the
  // YAML library compared each key with every key before it: 20,000 features took four minutes.
  it('checks each of 20,000 features', () => {
    const text = manyFeatures(20_000, '    last: { threshold: 1.5 }');
    const { problems } = parseConfig(text, CONFIG);
    expect(problems.map((p) => [p.code, text.slice(p.start, p.end)])).toEqual([['threshold-out-of-range', '1.5']]);
  });

  it('finds a key repeated among 20,000', () => {
    const text = manyFeatures(20_000, '    column_0: { threshold: 0.02 }');
    const { problems, lineCounter } = parseConfig(text, CONFIG);
    expect(problems.map((p) => [p.code, lineCounter.linePos(p.start)])).toEqual([
      ['yaml-DUPLICATE_KEY', { line: 20_005, col: 5 }],
    ]);
  });

  it('reports the same repeated keys, at the same places, as the YAML library would', () => {
    const samples = [
      'a: 1\na: 2\n',
      'a: 1\nb: { x: 1, x: 2, "x": 3 }\nc:\n  - k: 1\n    k: 2\n',
      "'a': 1\na: 2\n1: x\n'1': y\n1: z\n",
      'a: &k 1\n!!str b: 2\nb: 3\n? c\n: 1\nc: 2\n',
      'x: [ {a: 1, a: 2} ]\nx: 2\n',
      'a: 1\nb: [unclosed\na: 2\n',
    ];
    for (const text of samples) {
      const library = parseDocument(text, { uniqueKeys: true, prettyErrors: false }).errors;
      expect(
        parseConfig(text, CONFIG).problems.map((p) => [p.code, p.start, p.message]),
        text,
      ).toEqual(library.map((e) => [`yaml-${e.code}`, e.pos[0], e.message.split('\n')[0]]));
    }
  });
});

describe('excerpt', () => {
  it('keeps a short value whole and cuts a long one, saying how long it was', () => {
    expect(excerpt('region')).toBe('region');
    expect(excerpt('y'.repeat(61))).toBe(`${'y'.repeat(60)}… (61 characters)`);
  });

  it('does not cut a surrogate pair in two', () => {
    expect(excerpt(`${'a'.repeat(59)}😀😀`)).toBe(`${'a'.repeat(59)}… (63 characters)`);
  });
});
