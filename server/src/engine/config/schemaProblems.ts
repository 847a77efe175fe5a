/**
 * JSON-Schema validation of the config (schemas/drift-monitor.schema.json, by ajv),
 * each error turned into a problem on the key or value that caused it, in words.
 */
import type { ErrorObject } from 'ajv';
import { isScalar, type Document, type Node } from 'yaml';
import schema from '../../../../schemas/drift-monitor.schema.json';
import { configValidator } from './configValidator';
import { excerpt } from '../../protocol/text';
import { didYouMean } from './didYouMean';
import { dottedName, keyRange, locate, pointerSegments, valueRange } from './nodes';
import { plainValue } from './plainData';
import { span, type ConfigProblem } from './problem';
import { notAWindowSize, WINDOW_SPEC_PATTERN } from '../windows/windowSpec';

/** What each key whose value may take several forms (`oneOf`) accepts, in words, by the key. */
const ONE_OF_MESSAGES: Record<string, string> = {
  bins: 'must be a whole number of bins (2 to 1000) or a list of bin edges',
  format:
    "must be one format for every data file (`csv`, `csv.gz`, `parquet` or `profile`) or a map of a format per file (`reference`, `current`, a dataset's name)",
};

/** What each pattern of the schema accepts, in words, by the pattern. */
const PATTERN_MESSAGES: Record<string, (given: string) => string> = { [WINDOW_SPEC_PATTERN]: notAWindowSize };

export function schemaProblems(document: Document, textLength: number): ConfigProblem[] {
  const value = plainValue(document);
  if (value === null || value === undefined) {
    return [
      {
        message: 'The config is empty: it needs at least `reference` and `current` (paths to CSV files).',
        severity: 'error',
        start: 0,
        end: Math.max(1, textLength),
        code: 'empty-config',
      },
    ];
  }
  const validate = configValidator();
  if (validate(value)) return [];
  return withoutOneOfNoise(validate.errors ?? []).map((error) => toProblem(document, error));
}

/**
 * A failed `oneOf` also reports why each branch failed; the one-line summary is enough, unless
 * an error deeper inside the value says what is wrong (`format.current: parkay`), which is
 * kept instead of it.
 */
function withoutOneOfNoise(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword === 'oneOf' || !oneOfPaths.has(e.instancePath));
  return kept.filter(
    (e) => e.keyword !== 'oneOf' || !kept.some((deeper) => deeper.instancePath.startsWith(`${e.instancePath}/`)),
  );
}

function toProblem(document: Document, error: ErrorObject): ConfigProblem {
  const segments = pointerSegments(error.instancePath);
  const name = excerpt(dottedName(segments)) || 'the config';
  const { node, pair } = locate(document, segments);
  const onValue = (node && valueRange(node)) ?? (pair && keyRange(pair)) ?? [0, 1];
  const onKey = (pair && keyRange(pair)) ?? onValue;

  switch (error.keyword) {
    case 'additionalProperties': {
      const unknownKey = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const suggestion = didYouMean(unknownKey, known);
      const child = locate(document, [...segments, unknownKey]).pair;
      const where = segments.length ? ` in \`${name}\`` : '';
      return {
        message: `Unknown key \`${excerpt(unknownKey)}\`${where}${suggestion ? `: did you mean \`${suggestion}\`?` : `. Expected one of: ${known.join(', ')}.`}`,
        severity: 'error',
        ...span((child && keyRange(child)) ?? onKey),
        code: 'unknown-key',
        suggestion,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const where = segments.length ? `\`${name}\` needs` : 'The config needs';
      return {
        message: `${where} the key \`${missing}\`.`,
        severity: 'error',
        ...span(segments.length ? onKey : [0, 1]),
        code: 'missing-key',
        suggestion: missing,
      };
    }
    case 'enum':
      return enumProblem(node, name, (error.params.allowedValues as unknown[]).map(String), onValue);
    case 'oneOf': {
      // A scalar where a branch is a list of values (`format: parkay`): as a wrong value of that list.
      const allowed = isScalar(node) ? oneOfValues(error) : undefined;
      if (allowed) return enumProblem(node, name, allowed, onValue);
      return { message: `\`${name}\` ${describe(error)}.`, severity: 'error', ...span(onValue), code: 'invalid-value' };
    }
    case 'pattern': {
      // A pattern is for the validator; the person reads what the pattern accepts, with examples.
      const given = excerpt(String(error.data));
      const explain = PATTERN_MESSAGES[String(error.params.pattern)];
      return {
        message: explain ? `\`${name}\`: ${explain(given)}` : `\`${name}\` is not in the expected form: \`${given}\`.`,
        severity: 'error',
        ...span(onValue),
        code: 'invalid-value',
      };
    }
    default:
      return { message: `\`${name}\` ${describe(error)}.`, severity: 'error', ...span(onValue), code: 'invalid-value' };
  }
}

function enumProblem(node: Node | undefined, name: string, allowed: string[], range: [number, number]): ConfigProblem {
  const given = String(node && 'value' in node ? (node as { value: unknown }).value : '');
  const suggestion = didYouMean(given, allowed);
  return {
    message: `\`${excerpt(given)}\` is not a valid \`${name}\`${suggestion ? `: did you mean \`${suggestion}\`?` : '.'} Allowed: ${allowed.join(', ')}.`,
    severity: 'error',
    ...span(range),
    code: 'invalid-value',
    suggestion,
  };
}

/** The values of the failed `oneOf`'s branch that lists them, if one does. */
function oneOfValues(error: ErrorObject): string[] | undefined {
  const branches = (error.schema as { $ref?: string; enum?: unknown[] }[] | undefined) ?? [];
  const definitions = schema.definitions as Record<string, { enum?: unknown[] }>;
  for (const branch of branches) {
    const values = branch.enum ?? (branch.$ref && definitions[branch.$ref.replace('#/definitions/', '')]?.enum);
    if (values) return values.map(String);
  }
  return undefined;
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${article(String(p.type))}, not ${typeName(error.data)}`;
    case 'exclusiveMinimum':
      return `must be greater than ${p.limit} (got ${JSON.stringify(error.data)})`;
    case 'minimum':
      return `must be at least ${p.limit} (got ${JSON.stringify(error.data)})`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit} (got ${JSON.stringify(error.data)})`;
    case 'maximum':
      return `must be at most ${p.limit} (got ${JSON.stringify(error.data)})`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `lists the same name twice (items ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))})`;
    case 'oneOf':
      return ONE_OF_MESSAGES[error.instancePath.split('/').at(-1)!] ?? 'is not of any form it may take';
    default:
      return error.message ?? 'is not valid';
  }
}

function article(type: string): string {
  return (
    {
      string: 'a string',
      number: 'a number',
      integer: 'a whole number',
      object: 'a mapping of keys',
      array: 'a list',
      boolean: 'true or false',
    }[type] ?? type
  );
}

function typeName(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'text' : typeof value} ${excerpt(JSON.stringify(value))}`;
}
