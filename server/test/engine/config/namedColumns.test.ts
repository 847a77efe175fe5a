/** The places in a config that name a column: the rule, and the schema held to it. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_PLACES,
  EACH_ITEM,
  EACH_KEY,
  keysNameColumns,
  namedColumns,
  valueNamesColumn,
} from '../../../src/engine/config/namedColumns';

const schema = JSON.parse(
  readFileSync(new URL('../../../../schemas/drift-monitor.schema.json', import.meta.url), 'utf8'),
);

/** The paths at which the schema expects a column name (`#/definitions/columnName`), list items as EACH_ITEM. */
function schemaColumnPaths(node: any, path: (string | symbol)[] = []): string[] {
  if (!node || typeof node !== 'object') return [];
  if (node.$ref === '#/definitions/columnName') return [show(path)];
  if (node.$ref === '#/definitions/columnList') return [show([...path, EACH_ITEM])];
  const found: string[] = [];
  for (const [key, child] of Object.entries<any>(node.properties ?? {}))
    found.push(...schemaColumnPaths(child, [...path, key]));
  if (node.items) found.push(...schemaColumnPaths(node.items, [...path, EACH_ITEM]));
  return found;
}

const show = (path: readonly (string | symbol)[]) =>
  path.map((segment) => (segment === EACH_ITEM ? '[]' : segment === EACH_KEY ? '<key>' : String(segment))).join('.');

describe('COLUMN_PLACES', () => {
  it("are the schema's column names, and the keys of drift.features", () => {
    const values = COLUMN_PLACES.filter((place) => place.path.at(-1) !== EACH_KEY).map((place) => show(place.path));
    expect(values.sort()).toEqual(schemaColumnPaths(schema).sort());
    expect(COLUMN_PLACES.filter((place) => place.path.at(-1) === EACH_KEY).map((place) => show(place.path))).toEqual([
      'drift.features.<key>',
    ]);
    expect(schema.properties.drift.properties.features.description).toMatch(/keyed by column name/);
  });
});

describe('namedColumns', () => {
  it('lists every column the config names, where, and what reads it, model by model', () => {
    const raw = parse(`
columns: { target: churned, timestamp: at, numerical: [age], categorical: [plan], exclude: [id] }
models:
  - { name: a, prediction: pred_a, probability: proba_a }
  - { name: b, prediction: pred_b }
drift:
  features:
    age: { method: ks }
`);
    expect(
      namedColumns(raw).map(({ name, segments, on, place }) => [
        name,
        segments.join('.'),
        on,
        place.performance === true,
        place.excluded === true,
      ]),
    ).toEqual([
      ['churned', 'columns.target', 'value', true, false],
      ['at', 'columns.timestamp', 'value', false, false],
      ['age', 'columns.numerical.0', 'value', false, false],
      ['plan', 'columns.categorical.0', 'value', false, false],
      ['id', 'columns.exclude.0', 'value', false, true],
      ['pred_a', 'models.0.prediction', 'value', true, false],
      ['proba_a', 'models.0.probability', 'value', true, false],
      ['pred_b', 'models.1.prediction', 'value', true, false],
      ['age', 'drift.features.age', 'key', false, false],
    ]);
  });

  it('skips what is not a name while the config is being written', () => {
    expect(
      namedColumns(
        parse(
          'columns: { target: 3, numerical: oops, exclude: [null, "", ok] }\nmodels: nope\ndrift: { features: [] }\n',
        ),
      ),
    ).toEqual([{ name: 'ok', segments: ['columns', 'exclude', 2], on: 'value', place: COLUMN_PLACES[6] }]);
    expect(namedColumns(null)).toEqual([]);
  });
});

describe('where a column is expected', () => {
  it('as a value: the columns keys, list items and model outputs', () => {
    expect(valueNamesColumn(['columns', 'target'])).toBe(true);
    expect(valueNamesColumn(['columns', 'exclude', 3])).toBe(true);
    expect(valueNamesColumn(['models', 0, 'probability'])).toBe(true);
    expect(valueNamesColumn(['models', 0, 'name'])).toBe(false);
    expect(valueNamesColumn(['columns', 'exclude'])).toBe(false);
    expect(valueNamesColumn(['drift', 'features', 'age'])).toBe(false);
  });

  it('as keys: under drift.features only', () => {
    expect(keysNameColumns(['drift', 'features'])).toBe(true);
    expect(keysNameColumns(['drift'])).toBe(false);
    expect(keysNameColumns(['columns'])).toBe(false);
  });
});
