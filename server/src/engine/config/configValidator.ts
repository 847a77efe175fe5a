/**
 * The config's JSON-Schema validator (schemas/drift-monitor.schema.json, by ajv). Compiling
 * the schema takes tens of milliseconds, at every start of the CLI and the server: the bundles
 * carry it compiled ahead of time instead (esbuild.mjs puts `validatorSource` in place of this
 * module), the very function ajv makes here. Unbundled (tests), it is compiled on first use.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import schema from '../../../../schemas/drift-monitor.schema.json';

const OPTIONS = { allErrors: true, verbose: true, strict: false };

let compiled: ValidateFunction | undefined;

export function configValidator(): ValidateFunction {
  compiled ??= new Ajv(OPTIONS).compile(schema);
  return compiled;
}

/** For the build: the same validator as the source of an ES module that exports it as `validate`. */
export function validatorSource(): string {
  const ajv = new Ajv({ ...OPTIONS, code: { source: true, esm: true } });
  return standaloneCode(ajv, ajv.compile(schema));
}
