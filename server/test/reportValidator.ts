/**
 * schemas/report.schema.json compiled as every report test checks against it: ajv in strict
 * mode (no keyword it does not know, every keyword's type stated), all errors listed.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

export const reportSchema = JSON.parse(
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
);

/** generatedAt is written by Date.toISOString(); checking that form is enough for a date-time. */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function reportValidator(): ValidateFunction {
  return new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    formats: { 'date-time': ISO_INSTANT },
  }).compile(reportSchema);
}
