/** `drift-monitor simulate`: the drift simulator on the command line (see simulate.ts). */
import { resolve } from 'node:path';
import { InputError } from '../engine/inputError';
import { changeLines } from '../engine/simulate/changeSummary';
import {
  isPerturbationKind,
  parsePerturbation,
  PERTURBATIONS,
  type Perturbation,
} from '../engine/simulate/perturbation';
import { DEFAULT_SEED, simulateDrift } from '../engine/simulate/simulate';
import { formatCount, plural } from '../protocol/text';
import type { CliIo } from './io';
import { parseCommandLine } from './commandLine';

const flags = PERTURBATIONS.map(
  ({ kind, summary, argument }) => `  --${`${kind} column=${argument}`.padEnd(36)} ${summary}`,
).join('\n');

const SIMULATE_SYNTAX = {
  usage: 'drift-monitor simulate <in.csv> --out <out.csv> [perturbations…] [--seed N] [--from-row N]',
  help: 'drift-monitor simulate --help',
};

export const SIMULATE_USAGE = `Usage:
  ${SIMULATE_SYNTAX.usage}

Writes a copy of in.csv with the perturbations made, the same for the same seed, to rehearse
drift thresholds and alerts. Each perturbation names its column and may be repeated; they
apply in the order given. Shares are of the rows perturbed, exactly round(share × rows) of them.
${flags}
  --seed N                               seed of the random choices (default ${DEFAULT_SEED})
  --from-row N                           perturb data rows N and later only (1 = the first row
                                         after the header; default 1): drift from a point in time on
With no perturbation, the copy is byte for byte the input. Every cell not perturbed keeps its bytes.
A gzip-compressed input (.csv.gz) gives a gzip-compressed copy: its decompressed bytes are kept so.`;

/** The command, given the arguments after `simulate`; returns the exit code. */
export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, tokens } = parsedArguments(args);
  if (values.help) {
    io.stdout.write(SIMULATE_USAGE + '\n');
    return 0;
  }
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0 || values.out === undefined) throw new InputError(SIMULATE_USAGE);
  const perturbations: Perturbation[] = [];
  for (const token of tokens) {
    if (token.kind === 'option' && isPerturbationKind(token.name))
      perturbations.push(parsePerturbation(token.name, token.value!));
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1);
  const fromRow =
    values['from-row'] === undefined ? 1 : wholeNumber('--from-row', values['from-row'], 1, Number.MAX_SAFE_INTEGER);

  const result = await simulateDrift({
    input: resolve(io.cwd, input),
    output: resolve(io.cwd, values.out),
    inputShown: input,
    outputShown: values.out,
    perturbations,
    seed,
    fromRow,
  });
  const lines = [
    `Wrote ${values.out}: ${perturbations.length === 0 ? 'an unchanged copy' : 'a copy'} of ${input}, ${plural(result.rows, 'data row')} (seed ${seed}).`,
  ];
  if (fromRow > 1)
    lines.push(`Perturbed from data row ${formatCount(fromRow)} on: ${plural(result.rowsPerturbed, 'data row')}.`);
  lines.push(...changeLines(perturbations, result).map((line) => `  ${line}`));
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function parsedArguments(args: string[]) {
  const perturbationOptions = Object.fromEntries(
    PERTURBATIONS.map(({ kind }) => [kind, { type: 'string', multiple: true } as const]),
  );
  return parseCommandLine(
    {
      args,
      allowPositionals: true,
      tokens: true,
      options: {
        ...perturbationOptions,
        out: { type: 'string' },
        seed: { type: 'string' },
        'from-row': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    SIMULATE_SYNTAX,
  );
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (value >= min && value <= max) return value;
  throw new InputError(
    `${option} takes a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' on' : ` to ${max}`}, not '${text}'.`,
  );
}
