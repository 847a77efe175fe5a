import { createRequire } from 'node:module';
import { transformSync } from 'esbuild';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { configValidator, validatorSource } from '../../../src/engine/config/configValidator';

/** The validator the bundles carry (esbuild.mjs), evaluated as they would. */
function precompiled(): ValidateFunction {
  const { code } = transformSync(validatorSource(), { format: 'cjs', loader: 'js' });
  const module = { exports: {} as { validate: ValidateFunction } };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(__filename));
  return module.exports.validate;
}

const DATA = { reference: 'r.csv', current: 'c.csv' };

/** One config per kind of schema error schemaProblems words (and one with many at once). */
const CONFIGS: unknown[] = [
  DATA,
  { reference: 'r.csv' },
  { ...DATA, zzz: 1 },
  { ...DATA, drift: { thresold: 0.1, method: 'kss', correction: 'bh', share: 1.5, bins: 1 } },
  { ...DATA, drift: { share: 0, bins: [1, 1] } },
  { ...DATA, columns: { numerical: 'a', categorical: [''] } },
  { ...DATA, windows: { every: '3 weeks' } },
  { ...DATA, drift: { features: { a: { method: 'ks', threshold: -1 }, b: { bins: 'x' } } } },
  { ...DATA, models: [{ name: 'm' }], task: 'clustering', retraining: { command: 3 } },
  { ...DATA, notifications: { webhook: { url: 5 }, email: { port: 'x' } }, history: { keep: 0.5 } },
  [1, 2],
  'text',
];

describe('the precompiled config validator', () => {
  it('gives the errors the validator compiled at run time gives, in the same order', () => {
    const atRunTime = configValidator();
    const ahead = precompiled();
    for (const config of CONFIGS) {
      const valid = atRunTime(config);
      expect(ahead(config)).toBe(valid);
      expect(ahead.errors ?? null).toEqual(atRunTime.errors ?? null);
    }
    // The list above does reach the errors it is meant to compare.
    expect(CONFIGS.filter((config) => !atRunTime(config)).length).toBe(CONFIGS.length - 1);
  });
});
