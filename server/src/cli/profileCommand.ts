/**
 * `drift-monitor profile`: a reference profile of a data file or of a config's reference
 * (engine/profile/buildProfile.ts), and `drift-monitor profile merge` of the profiles of parts
 * of one dataset (engine/profile/mergeProfiles.ts).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadConfig } from '../engine/config/load';
import { dataFormatOf, DATA_FORMATS, type DataFormat } from '../engine/data/dataFormat';
import { InputError } from '../engine/inputError';
import { buildConfigProfile, buildProfile } from '../engine/profile/buildProfile';
import { mergeProfiles } from '../engine/profile/mergeProfiles';
import { profileText, readProfileJson } from '../engine/profile/profileFile';
import { DEFAULT_SKETCHES, type ProfileFile, type SketchParameters } from '../engine/profile/profileFormat';
import { formatCount, plural } from '../protocol/text';
import { parseCommandLine } from './commandLine';
import type { SafeIo } from './io';
import { progressPrinter } from './progressPrinter';
import { writeOutput } from './writeOutput';

/** Past these a sketch is either too coarse to decide anything or larger than the values it stands for. */
const MIN_SKETCH_SIZE = 8;
const MAX_SKETCH_SIZE = 65_536;

const PROFILE_SYNTAX = {
  usage:
    'drift-monitor profile <data file or config.yaml> [--out x.profile.json] [--format csv|csv.gz|parquet] [--decimal .|,] [--sketch-size K]\n       drift-monitor profile merge <a.profile.json> <b.profile.json> … --out <all.profile.json>',
  help: 'drift-monitor profile --help',
};

export const PROFILE_USAGE = `Usage:
  ${PROFILE_SYNTAX.usage}

Writes a reference profile: per column its counts, exact moments and extremes, exact value
counts up to a cap and quantile and heavy-hitter sketches beyond it, with their error bounds.
A profile stands where a reference file can (reference: train.profile.json); docs/profiles.md
says what it holds and what it reveals of the data.
  <data file>        every column, kinds from the cells, no models
  <config.yaml>      the config's reference, with its columns, kinds, decimal and format, and
                     its models' reference metrics, joint counts and calibration bins
  --out FILE         where to write it (default: the data file's name, or the config's
                     reference's, ending .profile.json instead of .csv, .csv.gz, .parquet…,
                     in the same folder)
  --format F         a data file's format when its name does not say (csv, csv.gz, parquet)
  --decimal . or ,   a data file's decimal separator (default: detected)
  --sketch-size K    the quantile sketch's k, ${MIN_SKETCH_SIZE} to ${formatCount(MAX_SKETCH_SIZE)} (default ${DEFAULT_SKETCHES.kllK}): its cdf error falls
                     as 1/k and its size grows as k, for each column with more than
                     ${formatCount(DEFAULT_SKETCHES.exactNumbers)} distinct numbers (docs/profiles.md, Sizes)
The data file is read whole, in memory; for a file larger than memory, profile its parts and
merge them. merge writes the profile of the parts' rows concatenated in the order given; the
parts need the same columns and kinds, and their duplicate rows are then unknown.`;

/** The command, given the arguments after `profile`; returns the exit code. */
export async function profileCommand(args: string[], io: SafeIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        decimal: { type: 'string' },
        'sketch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    PROFILE_SYNTAX,
  );
  if (values.help) {
    io.stdout.write(PROFILE_USAGE + '\n');
    return 0;
  }
  if (positionals[0] === 'merge') return merge(positionals.slice(1), values, io);
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0) throw new InputError(PROFILE_USAGE);
  const path = resolve(io.cwd, input);
  const isConfig = /\.ya?ml$/i.test(input);
  if (isConfig && (values.format !== undefined || values.decimal !== undefined))
    throw new InputError('--format and --decimal are for a data file; a config says them itself.');
  if (dataFormatOf(input, formatOption(values.format)) === 'profile')
    throw new InputError(`${input} is a profile already; merge profiles with \`drift-monitor profile merge\`.`);
  const config = isConfig ? await loadConfig(path, input) : undefined;
  if (config?.reference.format === 'profile')
    throw new InputError(`${input}: its reference ${config.reference.written} is a profile already.`, { file: input });
  const source = config?.reference.path ?? path;
  // Before the file is read, which may take long.
  const out = values.out ?? relative(io.cwd, defaultName(source));
  if (resolve(io.cwd, out) === source || resolve(io.cwd, out) === path)
    throw new InputError(`--out ${out} is the input file; choose another name for the profile.`);
  const progress = progressPrinter(io.stderr);
  const onProgress = (done: number, total: number) =>
    progress({ stage: 'reading', message: `Reading ${input}: ${total ? Math.floor((100 * done) / total) : 0}%` });
  const sketches = sketchesOption(values['sketch-size']);
  const profile = config
    ? await buildConfigProfile(config, { sketches, onProgress })
    : await buildProfile(path, {
        displayPath: input,
        format: formatOption(values.format),
        decimal: decimalOption(values.decimal),
        sketches,
        onProgress,
      });
  progress({ stage: 'done', message: '' });
  return written(out, profile, `${plural(profile.columns.length, 'column')} of ${input}`, io);
}

async function merge(inputs: string[], values: { out?: string }, io: SafeIo): Promise<number> {
  if (inputs.length < 2 || values.out === undefined)
    throw new InputError(`profile merge takes two profiles or more and --out.\nUsage: ${PROFILE_SYNTAX.usage}`);
  const out = resolve(io.cwd, values.out);
  const overwritten = inputs.find((input) => resolve(io.cwd, input) === out);
  if (overwritten !== undefined)
    throw new InputError(`--out ${values.out} is one of the profiles merged; choose another name.`);
  const parts = await Promise.all(
    inputs.map(async (file) => ({ file, profile: await readProfileJson(resolve(io.cwd, file), file) })),
  );
  return written(values.out, mergeProfiles(parts), `${plural(parts.length, 'profile')} merged`, io);
}

async function written(out: string, profile: ProfileFile, what: string, io: SafeIo): Promise<number> {
  const text = profileText(profile);
  await writeOutput(out, text, io.cwd);
  const size = (await stat(resolve(io.cwd, out))).size;
  io.stdout.write(
    `Wrote ${out}: ${plural(profile.rows, 'row')}, ${what} (${formatCount(Math.max(1, Math.round(size / 1000)))} KB).\n`,
  );
  return 0;
}

/** `train.csv` → `train.profile.json` beside it; any data ending is replaced, another name is kept whole. */
function defaultName(source: string): string {
  const name = basename(source);
  const ending = /(\.(csv|tsv|txt)(\.gz)?|\.parquet|\.pq)$/i.exec(name);
  return join(dirname(source), `${ending ? name.slice(0, ending.index) : name}.profile.json`);
}

function formatOption(text: string | undefined): DataFormat | undefined {
  if (text === undefined) return undefined;
  if ((DATA_FORMATS as readonly string[]).includes(text) && text !== 'profile') return text as DataFormat;
  throw new InputError(`--format takes 'csv', 'csv.gz' or 'parquet', not '${text}'.`);
}

function decimalOption(text: string | undefined): '.' | ',' | undefined {
  if (text === undefined || text === '.' || text === ',') return text;
  throw new InputError(`--decimal takes '.' or ',', not '${text}'.`);
}

function sketchesOption(text: string | undefined): SketchParameters {
  if (text === undefined) return DEFAULT_SKETCHES;
  const k = Number(text);
  if (Number.isInteger(k) && k >= MIN_SKETCH_SIZE && k <= MAX_SKETCH_SIZE) return { ...DEFAULT_SKETCHES, kllK: k };
  throw new InputError(
    `--sketch-size takes a whole number from ${MIN_SKETCH_SIZE} to ${formatCount(MAX_SKETCH_SIZE)}, not '${text}'.`,
  );
}
