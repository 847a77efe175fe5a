/**
 * Simulate Drift: pick a CSV, then perturbations one by one (each with its column and its
 * argument, checked as `drift-monitor simulate` checks them), then where to write; the
 * simulator engine (server/src/engine/simulate) writes the copy in this process, and the copy opens.
 */
import * as path from 'node:path';
import { commands, ProgressLocation, Uri, window, workspace, type QuickPickItem } from 'vscode';
import { InputError } from '../../server/src/engine/inputError';
import { changeLines } from '../../server/src/engine/simulate/changeSummary';
import { checkPerturbations, columnsFor } from '../../server/src/engine/simulate/checkPerturbations';
import { readFacts, type FileFacts } from '../../server/src/engine/simulate/columnFacts';
import { describePerturbation, parsePerturbation, PERTURBATIONS, perturbationSpec, type Perturbation, type PerturbationKind } from '../../server/src/engine/simulate/perturbation';
import { DEFAULT_SEED, simulateDrift } from '../../server/src/engine/simulate/simulate';

interface Choice {
  input: Uri;
  facts: FileFacts;
  perturbations: Perturbation[];
  seed: number;
  fromRow: number;
}

/** The command; `preset` is the CSV it was run on from the Explorer. Returns the copy written. */
export async function simulateDriftCommand(preset?: Uri): Promise<Uri | undefined> {
  const input = preset ?? (await pickCsv());
  if (!input) return undefined;
  const facts = await withProgress(`Reading ${workspace.asRelativePath(input)}`, (signal) => readFacts(input.fsPath, workspace.asRelativePath(input), signal));
  if (!facts) return undefined;
  const choice: Choice = { input, facts, perturbations: [], seed: DEFAULT_SEED, fromRow: 1 };
  if (!(await choosePerturbations(choice))) return undefined;

  const output = await window.showSaveDialog({ defaultUri: simulatedUri(input), filters: { CSV: ['csv', 'tsv'] }, title: 'Write the simulated copy to' });
  if (!output) return undefined;
  const result = await withProgress(`Writing ${workspace.asRelativePath(output)}`, (signal) =>
    simulateDrift({
      input: input.fsPath,
      output: output.fsPath,
      inputShown: workspace.asRelativePath(input),
      outputShown: workspace.asRelativePath(output),
      perturbations: choice.perturbations,
      seed: choice.seed,
      fromRow: choice.fromRow,
      signal,
    }),
  );
  if (!result) return undefined;
  await commands.executeCommand('vscode.open', output);
  const compare = 'Compare with reference…';
  const changes = changeLines(choice.perturbations, result).map((line) => line.replace(/ {2,}/, ': '));
  const summary = `Wrote ${workspace.asRelativePath(output)} (seed ${choice.seed})${changes.length ? `: ${changes.join('; ')}` : ', an unchanged copy'}.`;
  void window.showInformationMessage(summary, compare).then((answer) => answer === compare && commands.executeCommand('driftMonitor.compareWithReference', output));
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
  const files = (await workspace.findFiles('**/*.{csv,tsv}', '**/node_modules/**', 500)).filter((file) => file.scheme === 'file');
  files.sort((a, b) => a.path.localeCompare(b.path));
  const items: FileItem[] = files.map((uri) => ({ label: path.posix.basename(uri.path), description: workspace.asRelativePath(uri, true), uri }));
  const browse: FileItem = { label: '$(folder-opened) Browse…' };
  const title = 'Simulate drift: the CSV to copy with perturbations';
  const picked = await window.showQuickPick([...items, browse], { title, placeHolder: 'A CSV file', matchOnDescription: true });
  if (picked !== browse) return picked?.uri;
  return (await window.showOpenDialog({ canSelectMany: false, filters: { CSV: ['csv', 'tsv'] }, title }))?.[0];
}

interface MenuItem extends QuickPickItem {
  action: 'write' | 'seed' | 'fromRow' | PerturbationKind;
}

/** The menu, until the user writes (true) or leaves (false). */
async function choosePerturbations(choice: Choice): Promise<boolean> {
  for (;;) {
    const chosen = choice.perturbations.map(describePerturbation);
    const items: MenuItem[] = [
      { label: '$(check) Write the copy', description: chosen.length ? chosen.join('  ') : 'no perturbation yet: an unchanged copy', action: 'write' },
      ...PERTURBATIONS.map(({ kind, summary, example }): MenuItem => ({ label: `$(add) --${kind}`, description: summary, detail: `e.g. ${example}`, action: kind })),
      { label: `$(symbol-number) Seed: ${choice.seed}`, description: 'the same seed gives the same copy', action: 'seed' },
      { label: `$(arrow-down) From data row: ${choice.fromRow}`, description: 'perturb this row and later ones only', action: 'fromRow' },
    ];
    const title = `Simulate drift in ${workspace.asRelativePath(choice.input)}`;
    const picked = await window.showQuickPick(items, { title, placeHolder: 'Add a perturbation, or write the copy' });
    if (!picked) return false;
    if (picked.action === 'write') return true;
    if (picked.action === 'seed') choice.seed = (await askWholeNumber('Seed of the random choices', choice.seed, 0, 2 ** 32 - 1)) ?? choice.seed;
    else if (picked.action === 'fromRow') choice.fromRow = (await askWholeNumber(`First data row to perturb (1 to ${choice.facts.rows})`, choice.fromRow, 1, choice.facts.rows)) ?? choice.fromRow;
    else {
      const perturbation = await askPerturbation(picked.action, choice);
      if (perturbation) choice.perturbations.push(perturbation);
    }
  }
}

/** A perturbation of `kind`: its column, then its argument, checked against the file and the perturbations before it. */
async function askPerturbation(kind: PerturbationKind, choice: Choice): Promise<Perturbation | undefined> {
  const spec = perturbationSpec(kind);
  const columns = columnsFor(kind, choice.facts);
  if (columns.length === 0) {
    void window.showWarningMessage(`${workspace.asRelativePath(choice.input)} has no column --${kind} fits (${spec.summary}).`);
    return undefined;
  }
  const column = await window.showQuickPick(columns, { title: `--${kind}: which column?`, placeHolder: spec.summary });
  if (!column) return undefined;
  const categories = choice.facts.columns.get(column)!.categories ?? [];
  let argument: string | undefined;
  if (kind === 'swap') {
    const first = await window.showQuickPick(categories, { title: `--swap ${column}=…: the first category` });
    const second = first && (await window.showQuickPick(categories.filter((c) => c !== first), { title: `--swap ${column}=${first}:…: the category to swap it with` }));
    argument = second && `${first}:${second}`;
  } else if (kind === 'mix') {
    const category = await window.showQuickPick(categories, { title: `--mix ${column}=…: the category to put on a share of rows` });
    const share = category && (await askArgument(kind, column, choice, 'share of rows, from 0 to 1', (text) => `${category}:${text}`));
    argument = share && `${category}:${share}`;
  } else {
    argument = await askArgument(kind, column, choice, spec.argument, (text) => text);
  }
  return argument === undefined ? undefined : parsePerturbation(kind, `${column}=${argument}`);
}

/** An argument typed in, refused until the perturbation it makes fits the file. */
function askArgument(kind: PerturbationKind, column: string, choice: Choice, prompt: string, full: (text: string) => string): Thenable<string | undefined> {
  const spec = perturbationSpec(kind);
  return window.showInputBox({
    title: `--${kind} ${column}=…`,
    prompt: `${spec.summary}: ${prompt}`,
    placeHolder: spec.example.slice(spec.example.indexOf('=') + 1),
    validateInput: (text) => problemWith(kind, `${column}=${full(text)}`, choice),
  });
}

/** The message `drift-monitor simulate` would give for this flag after the ones chosen, if any. */
function problemWith(kind: PerturbationKind, text: string, choice: Choice): string | undefined {
  try {
    checkPerturbations([...choice.perturbations, parsePerturbation(kind, text)], choice.facts, workspace.asRelativePath(choice.input));
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

async function askWholeNumber(prompt: string, value: number, min: number, max: number): Promise<number | undefined> {
  const text = await window.showInputBox({
    prompt,
    value: String(value),
    validateInput: (typed) => (/^\d+$/.test(typed) && Number(typed) >= min && Number(typed) <= max ? undefined : `A whole number from ${min} to ${max}.`),
  });
  return text === undefined ? undefined : Number(text);
}

/**
 * `work` under a cancellable progress notification; undefined when cancelled or when it
 * fails, the failure shown (an InputError's message as it is).
 */
async function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  try {
    return await window.withProgress({ location: ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal);
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') return undefined;
    void window.showErrorMessage(error instanceof InputError ? error.message : `Drift Monitor: simulating drift failed: ${(error as Error).message ?? String(error)}`);
    return undefined;
  }
}
