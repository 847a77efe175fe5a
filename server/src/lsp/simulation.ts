/**
 * Simulate Drift from the editor: the client shows the dialogs, the server reads the file, checks
 * each perturbation as `drift-monitor simulate` checks its flags, and writes the copy with the
 * simulator engine (engine/simulate). The facts of the file last asked about are kept for the
 * checks that follow while the user types.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { InputError } from '../engine/inputError';
import { changeLines } from '../engine/simulate/changeSummary';
import { checkPerturbations, columnsFor } from '../engine/simulate/checkPerturbations';
import { readFacts, type FileFacts } from '../engine/simulate/columnFacts';
import {
  describePerturbation,
  isPerturbationKind,
  parsePerturbation,
  PERTURBATIONS,
  type Perturbation,
} from '../engine/simulate/perturbation';
import { DEFAULT_SEED, simulateDrift } from '../engine/simulate/simulate';
import {
  CHECK_PERTURBATIONS,
  GET_SIMULATION_INPUT,
  SIMULATE_DRIFT,
  type CheckPerturbationsParams,
  type GetSimulationInputParams,
  type PerturbationFlag,
  type PerturbationsCheck,
  type SimulateDriftParams,
  type SimulationInput,
} from '../protocol/messages';
import { answering, cancelled } from './requestErrors';
import { pathOf } from './uris';

function perturbations(flags: readonly PerturbationFlag[]): Perturbation[] {
  return flags.map(({ kind, text }) => {
    if (!isPerturbationKind(kind)) throw new InputError(`There is no perturbation --${kind}.`);
    return parsePerturbation(kind, text);
  });
}

/** A controller aborted when the request's token is cancelled. */
function abortOn(token: CancellationToken): AbortController {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller;
}

/** What the editor's menu offers for a file with these facts. */
function simulationInput(facts: FileFacts): SimulationInput {
  const categories: Record<string, string[]> = {};
  for (const [name, column] of facts.columns) if (column.categories) categories[name] = column.categories;
  return {
    rows: facts.rows,
    defaultSeed: DEFAULT_SEED,
    perturbations: PERTURBATIONS.map(({ kind, summary, argument, example }) => ({
      kind,
      summary,
      argument,
      example,
      columns: columnsFor(kind, facts),
    })),
    categories,
  };
}

export function handleSimulation(connection: Connection): void {
  let last: { file: string; facts: Promise<FileFacts> } | undefined;
  const factsOf = (file: string, fileShown: string, signal?: AbortSignal): Promise<FileFacts> => {
    if (last?.file !== file) {
      const facts = readFacts(pathOf(file), fileShown, signal);
      last = { file, facts };
      // A failed or cancelled read is not kept.
      facts.catch(() => {
        if (last?.facts === facts) last = undefined;
      });
    }
    return last.facts;
  };

  connection.onRequest(
    GET_SIMULATION_INPUT,
    ({ file, fileShown }: GetSimulationInputParams, token): Promise<SimulationInput> => {
      // Asked again when the command starts over: the file may have changed since.
      last = undefined;
      const controller = abortOn(token);
      return answering(async () => {
        try {
          return simulationInput(await factsOf(file, fileShown, controller.signal));
        } catch (error) {
          if (controller.signal.aborted) throw cancelled('Reading the file was cancelled.');
          throw error;
        }
      });
    },
  );

  connection.onRequest(
    CHECK_PERTURBATIONS,
    async ({ file, fileShown, perturbations: flags }: CheckPerturbationsParams): Promise<PerturbationsCheck> => {
      const facts = await answering(() => factsOf(file, fileShown));
      try {
        const chosen = perturbations(flags);
        checkPerturbations(chosen, facts, fileShown);
        return { described: chosen.map(describePerturbation) };
      } catch (error) {
        if (error instanceof InputError) return { problem: error.message };
        throw error;
      }
    },
  );

  connection.onRequest(SIMULATE_DRIFT, (params: SimulateDriftParams, token): Promise<string[]> => {
    const controller = abortOn(token);
    return answering(async () => {
      const chosen = perturbations(params.perturbations);
      try {
        const result = await simulateDrift({
          input: pathOf(params.file),
          output: pathOf(params.output),
          inputShown: params.fileShown,
          outputShown: params.outputShown,
          perturbations: chosen,
          seed: params.seed,
          fromRow: params.fromRow,
          signal: controller.signal,
        });
        return changeLines(chosen, result);
      } catch (error) {
        if (controller.signal.aborted) throw cancelled('The simulation was cancelled.');
        throw error;
      }
    });
  });
}
