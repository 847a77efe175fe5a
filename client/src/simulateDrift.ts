/**
 * Simulate Drift: pick a CSV, then perturbations one by one (each with its column and its
 * argument, checked as `drift-monitor simulate` checks them), then where to write; the language
 * server reads the file, checks the perturbations and writes the copy with the simulator engine,
 * and the copy opens. The dialogs are here.
 */
import * as path from 'node:path';
import {
  CancellationError,
  commands,
  ProgressLocation,
  Uri,
  window,
  workspace,
  type CancellationToken,
  type QuickPickItem,
} from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
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
} from '../../server/src/protocol/messages';

type PerturbationOption = SimulationInput['perturbations'][number];

interface Choice {
  client: LanguageClient;
  input: Uri;
  /** What the server read of it. */
  file: SimulationInput;
  perturbations: PerturbationFlag[];
  /** Each chosen perturbation as its flag, as the server describes it. */
  described: string[];
  seed: number;
  fromRow: number;
}

/** The command; `preset` is the CSV it was run on from the Explorer. Returns the copy written. */
export async function simulateDriftCommand(server: Promise<LanguageClient>, preset?: Uri): Promise<Uri | undefined> {
  const input = preset ?? (await pickCsv());
  if (!input) return undefined;
  const client = await server;
  const inputShown = workspace.asRelativePath(input);
  const asked: GetSimulationInputParams = { file: input.toString(), fileShown: inputShown };
  const file = await withProgress(`Reading ${inputShown}`, (token) =>
    client.sendRequest(GET_SIMULATION_INPUT, asked, token),
  );
  if (!file) return undefined;
  const choice: Choice = { client, input, file, perturbations: [], described: [], seed: file.defaultSeed, fromRow: 1 };
  if (!(await choosePerturbations(choice))) return undefined;

  const output = await window.showSaveDialog({
    defaultUri: simulatedUri(input),
    filters: { CSV: ['csv', 'tsv'] },
    title: 'Write the simulated copy to',
  });
  if (!output) return undefined;
  const params: SimulateDriftParams = {
    ...asked,
    perturbations: choice.perturbations,
    output: output.toString(),
    outputShown: workspace.asRelativePath(output),
    seed: choice.seed,
    fromRow: choice.fromRow,
  };
  const lines = await withProgress(`Writing ${workspace.asRelativePath(output)}`, (token) =>
    client.sendRequest(SIMULATE_DRIFT, params, token),
  );
  if (!lines) return undefined;
  await commands.executeCommand('vscode.open', output);
  const compare = 'Compare with reference…';
  const changes = lines.map((line) => line.replace(/ {2,}/, ': '));
  const summary = `Wrote ${workspace.asRelativePath(output)} (seed ${choice.seed})${changes.length ? `: ${changes.join('; ')}` : ', an unchanged copy'}.`;
  void window
    .showInformationMessage(summary, compare)
    .then((answer) => answer === compare && commands.executeCommand('driftMonitor.compareWithReference', output));
  return output;
}

/** `reference.csv` → `reference.simulated.csv` beside it. */
function simulatedUri(input: Uri): Uri {
  const { name, ext } = path.posix.parse(input.path);
  return Uri.joinPath(input, '..', `${name}.simulated${ext}`);
}

interface FileItem extends QuickPickItem {
  uri?: Uri;
}

async function pickCsv(): Promise<Uri | undefined> {
  const files = (await workspace.findFiles('**/*.{csv,tsv}', '**/node_modules/**', 500)).filter(
    (file) => file.scheme === 'file',
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  const items: FileItem[] = files.map((uri) => ({
    label: path.posix.basename(uri.path),
    description: workspace.asRelativePath(uri, true),
    uri,
  }));
  const browse: FileItem = { label: '$(folder-opened) Browse…' };
  const title = 'Simulate drift: the CSV to copy with perturbations';
  const picked = await window.showQuickPick([...items, browse], {
    title,
    placeHolder: 'A CSV file',
    matchOnDescription: true,
  });
  if (picked !== browse) return picked?.uri;
  return (await window.showOpenDialog({ canSelectMany: false, filters: { CSV: ['csv', 'tsv'] }, title }))?.[0];
}

interface MenuItem extends QuickPickItem {
  action: 'write' | 'seed' | 'fromRow' | PerturbationOption;
}

/** The menu, until the user writes (true) or leaves (false). */
async function choosePerturbations(choice: Choice): Promise<boolean> {
  for (;;) {
    const chosen = choice.described;
    const items: MenuItem[] = [
      {
        label: '$(check) Write the copy',
        description: chosen.length ? chosen.join('  ') : 'no perturbation yet: an unchanged copy',
        action: 'write',
      },
      ...choice.file.perturbations.map((option): MenuItem => ({
        label: `$(add) --${option.kind}`,
        description: option.summary,
        detail: `e.g. ${option.example}`,
        action: option,
      })),
      {
        label: `$(symbol-number) Seed: ${choice.seed}`,
        description: 'the same seed gives the same copy',
        action: 'seed',
      },
      {
        label: `$(arrow-down) From data row: ${choice.fromRow}`,
        description: 'perturb this row and later ones only',
        action: 'fromRow',
      },
    ];
    const title = `Simulate drift in ${workspace.asRelativePath(choice.input)}`;
    const picked = await window.showQuickPick(items, { title, placeHolder: 'Add a perturbation, or write the copy' });
    if (!picked) return false;
    if (picked.action === 'write') return true;
    if (picked.action === 'seed')
      choice.seed = (await askWholeNumber('Seed of the random choices', choice.seed, 0, 2 ** 32 - 1)) ?? choice.seed;
    else if (picked.action === 'fromRow')
      choice.fromRow =
        (await askWholeNumber(
          `First data row to perturb (1 to ${choice.file.rows})`,
          choice.fromRow,
          1,
          choice.file.rows,
        )) ?? choice.fromRow;
    else {
      const perturbation = await askPerturbation(picked.action, choice);
      // Checked as typed; the server's description of the whole list, once more, for the menu.
      const check = perturbation && (await checked(choice, [...choice.perturbations, perturbation]));
      if (check && 'described' in check) {
        choice.perturbations.push(perturbation);
        choice.described = check.described;
      } else if (check) void window.showWarningMessage(check.problem);
    }
  }
}

/** A perturbation of `spec.kind`: its column, then its argument, checked against the file and the perturbations before it. */
async function askPerturbation(spec: PerturbationOption, choice: Choice): Promise<PerturbationFlag | undefined> {
  const { kind, columns } = spec;
  if (columns.length === 0) {
    void window.showWarningMessage(
      `${workspace.asRelativePath(choice.input)} has no column --${kind} fits (${spec.summary}).`,
    );
    return undefined;
  }
  const column = await window.showQuickPick(columns, { title: `--${kind}: which column?`, placeHolder: spec.summary });
  if (!column) return undefined;
  const categories = choice.file.categories[column] ?? [];
  let argument: string | undefined;
  if (kind === 'swap') {
    const first = await window.showQuickPick(categories, { title: `--swap ${column}=…: the first category` });
    const second =
      first &&
      (await window.showQuickPick(
        categories.filter((c) => c !== first),
        { title: `--swap ${column}=${first}:…: the category to swap it with` },
      ));
    argument = second && `${first}:${second}`;
  } else if (kind === 'mix') {
    const category = await window.showQuickPick(categories, {
      title: `--mix ${column}=…: the category to put on a share of rows`,
    });
    const share =
      category &&
      (await askArgument(spec, column, choice, 'share of rows, from 0 to 1', (text) => `${category}:${text}`));
    argument = share && `${category}:${share}`;
  } else {
    argument = await askArgument(spec, column, choice, spec.argument, (text) => text);
  }
  return argument === undefined ? undefined : { kind, text: `${column}=${argument}` };
}

/** An argument typed in, refused until the perturbation it makes fits the file. */
function askArgument(
  spec: PerturbationOption,
  column: string,
  choice: Choice,
  prompt: string,
  full: (text: string) => string,
): Thenable<string | undefined> {
  const { kind } = spec;
  return window.showInputBox({
    title: `--${kind} ${column}=…`,
    prompt: `${spec.summary}: ${prompt}`,
    placeHolder: spec.example.slice(spec.example.indexOf('=') + 1),
    validateInput: async (text) => {
      const check = await checked(choice, [...choice.perturbations, { kind, text: `${column}=${full(text)}` }]);
      return check && 'problem' in check ? check.problem : undefined;
    },
  });
}

/** The server's check of `perturbations` on the file (the message `drift-monitor simulate` would give, or their descriptions); undefined when it could not answer, which is shown. */
async function checked(choice: Choice, perturbations: PerturbationFlag[]): Promise<PerturbationsCheck | undefined> {
  const params: CheckPerturbationsParams = {
    file: choice.input.toString(),
    fileShown: workspace.asRelativePath(choice.input),
    perturbations,
  };
  try {
    return await choice.client.sendRequest(CHECK_PERTURBATIONS, params);
  } catch (error) {
    void window.showErrorMessage(
      `Drift Monitor: simulating drift failed: ${(error as Error).message ?? String(error)}`,
    );
    return undefined;
  }
}

async function askWholeNumber(prompt: string, value: number, min: number, max: number): Promise<number | undefined> {
  const text = await window.showInputBox({
    prompt,
    value: String(value),
    validateInput: (typed) =>
      /^\d+$/.test(typed) && Number(typed) >= min && Number(typed) <= max
        ? undefined
        : `A whole number from ${min} to ${max}.`,
  });
  return text === undefined ? undefined : Number(text);
}

/**
 * A request under a cancellable progress notification; undefined when cancelled or when it
 * fails, the failure shown (the message of a problem with the input as it is).
 */
async function withProgress<T>(
  title: string,
  request: (token: CancellationToken) => Promise<T>,
): Promise<T | undefined> {
  return window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      try {
        const result = await request(token);
        // The client answers a cancelled request with undefined.
        return token.isCancellationRequested ? undefined : result;
      } catch (error) {
        if (
          token.isCancellationRequested ||
          error instanceof CancellationError ||
          (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)
        )
          return undefined;
        const inputProblem = error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed;
        void window.showErrorMessage(
          inputProblem
            ? error.message
            : `Drift Monitor: simulating drift failed: ${(error as Error).message ?? String(error)}`,
        );
        return undefined;
      }
    },
  );
}
