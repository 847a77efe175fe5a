/**
 * The method table against the two JSON Schemas, which are written by hand: the names a
 * config may use and a report may hold, each method's result fields, and the threshold
 * ranges (and defaults, where the schema states one).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  METHOD_NAMES,
  METHODS,
  decidingStatistic,
  exceedsThreshold,
  thresholdRange,
  type DriftTests,
} from '../../src/protocol/methods';

interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: unknown[];
  type?: string | string[];
  default?: unknown;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maximum?: number;
  minimum?: number;
  items?: SchemaNode;
}
type Schema = SchemaNode & { definitions: Record<string, SchemaNode> };

const load = (name: string): Schema =>
  JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8'));
const configSchema = load('drift-monitor.schema.json');
const reportSchema = load('report.schema.json');

/** A node with its `$ref` followed and its `allOf` parts merged (properties, required). */
function resolve(schema: Schema, node: SchemaNode): SchemaNode {
  if (node.$ref) {
    const { $ref, ...rest } = node;
    return resolve(schema, { ...schema.definitions[$ref.replace('#/definitions/', '')]!, ...rest });
  }
  if (!node.allOf) return node;
  const parts = node.allOf.map((part) => resolve(schema, part));
  return {
    ...node,
    allOf: undefined,
    properties: Object.assign({}, node.properties, ...parts.map((part) => part.properties)),
    required: [...(node.required ?? []), ...parts.flatMap((part) => part.required ?? [])],
  };
}

const sorted = (names: readonly unknown[]) => [...names].map(String).sort();

describe('the config schema agrees with the method table', () => {
  const drift = configSchema.properties!.drift!;

  it('offers every method, and auto, wherever a method is chosen', () => {
    expect(sorted(resolve(configSchema, drift.properties!.method!).enum!)).toEqual(sorted(['auto', ...METHOD_NAMES]));
    const featureOverride = (drift.properties!.features as SchemaNode & { additionalProperties: SchemaNode })
      .additionalProperties;
    expect(sorted(resolve(configSchema, featureOverride.properties!.method!).enum!)).toEqual(
      sorted(['auto', ...METHOD_NAMES]),
    );
  });

  it('takes a threshold for every method, in the range the table gives it', () => {
    const thresholds = drift.properties!.thresholds!.properties!;
    expect(sorted(Object.keys(thresholds))).toEqual(sorted(METHOD_NAMES));
    for (const method of METHOD_NAMES) {
      const {
        exclusiveMinimum,
        exclusiveMaximum,
        maximum,
        default: stated,
      } = resolve(configSchema, thresholds[method]!);
      const range = Object.fromEntries(
        Object.entries({ exclusiveMinimum, exclusiveMaximum, maximum }).filter(([, bound]) => bound !== undefined),
      );
      expect(range, method).toEqual(thresholdRange(method));
      if (stated !== undefined) expect(stated, method).toBe(METHODS[method].defaultThreshold);
      expect(METHODS[method].defaultThreshold, method).toBeGreaterThan(0);
      expect(METHODS[method].defaultThreshold <= (METHODS[method].maxThreshold ?? Infinity), method).toBe(true);
    }
  });
});

describe('the report schema agrees with the method table', () => {
  const feature = resolve(reportSchema, reportSchema.properties!.features!.items!);

  it('names every method as a deciding method', () => {
    expect(sorted(resolve(reportSchema, feature.properties!.method!).enum!)).toEqual(sorted(METHOD_NAMES));
  });

  it("holds every method's result with exactly the table's fields, numbers where the table has figures", () => {
    const tests = resolve(reportSchema, reportSchema.definitions.tests!).properties!;
    expect(sorted(Object.keys(tests))).toEqual(sorted(METHOD_NAMES));
    for (const method of METHOD_NAMES) {
      const result = resolve(reportSchema, tests[method]!);
      const { figures, notes = [] } = METHODS[method] as { figures: readonly string[]; notes?: readonly string[] };
      // A sketched result may carry its bound, optional.
      const optional = METHODS[method].sketched ? ['bound'] : [];
      expect(sorted(Object.keys(result.properties!)), method).toEqual(sorted([...figures, ...notes, ...optional]));
      expect(sorted(result.required!), method).toEqual(sorted([...figures, ...notes]));
      const numeric = (field: string) =>
        [result.properties![field]!.type ?? []].flat().some((type) => type === 'number' || type === 'integer');
      for (const figure of figures) expect(numeric(figure), `${method}.${figure}`).toBe(true);
      for (const note of notes) expect(numeric(note), `${method}.${note}`).toBe(false);
      expect(figures, method).toContain(METHODS[method].decidedBy);
    }
  });
});

describe('the deciding statistic', () => {
  const tests: DriftTests = {
    ks: { statistic: 0.2, pValue: 0.01, method: 'exact' },
    wasserstein: { value: 3, normed: 0.3 },
    psi: { value: 0.25 },
  };

  it('is the p-value of a test, the normed value of a normed distance, the value of a distance', () => {
    expect(decidingStatistic('ks', tests)).toBe(0.01);
    expect(decidingStatistic('wasserstein', tests)).toBe(0.3);
    expect(decidingStatistic('psi', tests)).toBe(0.25);
    expect(decidingStatistic('chisquare', tests)).toBeUndefined();
  });

  it('drifts below a p-value threshold and at or above a distance threshold', () => {
    expect(exceedsThreshold('ks', 0.01, 0.05)).toBe(true);
    expect(exceedsThreshold('ks', 0.05, 0.05)).toBe(false);
    expect(exceedsThreshold('psi', 0.1, 0.1)).toBe(true);
    expect(exceedsThreshold('psi', 0.09, 0.1)).toBe(false);
  });
});
