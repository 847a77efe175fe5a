/**
 * Parsing a command's options, and the message for a slip on the command line: the option,
 * a did-you-mean, the command's one usage line and where the full help is — not the whole help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../engine/config/didYouMean';
import { InputError } from '../engine/inputError';

export interface CommandSyntax {
  /** The command's one usage line, e.g. `drift-monitor history <config.yaml> [--json]`. */
  usage: string;
  /** How to see every option, e.g. `drift-monitor --help`. */
  help: string;
}

/** `parseArgs` of `config`, or an InputError in the user's words when the command line is wrong. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, syntax: CommandSyntax) {
  try {
    return parseArgs(config);
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    throw new InputError(
      `${slip((error as Error).message, Object.keys(config.options ?? {}))}\nUsage: ${syntax.usage}\n${syntax.help} lists every option.`,
    );
  }
}

/** Node's message, reworded: an unknown option gets the nearest option, not advice on positionals. */
function slip(message: string, options: string[]): string {
  const missing = /^Option '(-{1,2}[^ ']+)(?:, -{1,2}[^ ']+)? <value>' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value.`;
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (!unknown) return message;
  const [, dashes, name] = unknown;
  const near = dashes === '--' ? didYouMean(name, options) : undefined;
  return `Unknown option '${dashes}${name}'.${near ? ` Did you mean '--${near}'?` : ''}`;
}
