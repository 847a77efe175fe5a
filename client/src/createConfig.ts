/**
 * Create Config: pick a reference and a current CSV, guess the special columns from the reference
 * header, and write a commented drift.yaml next to the reference.
 */
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import Papa from 'papaparse';
import { Uri, window, workspace, type QuickPickItem } from 'vscode';

export interface ColumnGuess {
  target?: string;
  prediction?: string;
  probability?: string;
  timestamp?: string;
}

const TARGET = /^(target|label|labels|y|class|outcome|churn|churned|default|is_fraud|fraud|ground_truth|actual)$/i;
// Whole words between underscores, so `credit_score` or `update_count` stay features.
const PROBABILITY = /(^|_)(prob|proba|probability|probabilities|confidence)(_|$)|^(score|pred_score|model_score|prediction_score)$/i;
const PREDICTION = /(^|_)(pred|prediction|predicted|yhat|y_hat)(_|$)/i;
const TIMESTAMP = /(^|_)(time|date|timestamp|datetime|ts)(_|$)|_at$/i;

/** Guesses target, prediction, probability and timestamp from the header names; each column at most once. */
export function guessColumns(header: string[]): ColumnGuess {
  const taken = new Set<string>();
  const pick = (test: (name: string) => boolean): string | undefined => {
    const found = header.find((name) => !taken.has(name) && test(name.trim()));
    if (found !== undefined) taken.add(found);
    return found;
  };
  // Probability before prediction: `pred_proba` is a probability, `predicted` a prediction.
  const probability = pick((n) => PROBABILITY.test(n));
  const prediction = pick((n) => PREDICTION.test(n));
  const timestamp = pick((n) => TIMESTAMP.test(n));
  const target = pick((n) => TARGET.test(n)) ?? pick((n) => /(target|label|churn)/i.test(n));
  return { target, prediction, probability, timestamp };
}

/** A YAML scalar for a column name or path: plain when safe, else double-quoted (JSON strings are YAML). */
function scalar(value: string): string {
  return /^[A-Za-z0-9_./][A-Za-z0-9_ ./-]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/^[0-9.]+$/.test(value) ? value : JSON.stringify(value);
}

export function configText(reference: string, current: string, header: string[], guess: ColumnGuess): string {
  const line = (key: keyof ColumnGuess, what: string): string =>
    guess[key] !== undefined ? `  ${key}: ${scalar(guess[key])}`.padEnd(33) + ` # ${what} (guessed from the header; check it)` : `  # ${key}: <column>`.padEnd(33) + ` # ${what}`;
  const columns = header.length > 0 ? header.map((name) => (name.trim() === '' ? '(empty)' : name)).join(', ') : '(could not read the header)';
  return `# drift-monitor
# Created by Drift Monitor: Create Config. Reference columns: ${columns.replace(/\r?\n/g, ' ')}
reference: ${scalar(reference)}            # the data the model was validated on
current: ${scalar(current)}                # the data to compare with it (e.g. last month of production)

columns:
${line('target', 'the true label or value (target drift, performance)')}
${line('prediction', "the model's output (prediction drift)")}
${line('probability', "the model's score for the positive class")}
${line('timestamp', 'when each row happened (windows, change points); not tested for drift')}
  # exclude: [id]                 # columns to leave out (ids, free text)

drift:
  method: auto                    # KS / chi-square / z-test on small samples, normed Wasserstein / Jensen–Shannon on large ones
  share: 0.5                      # dataset drift when at least half of the input features drifted
`;
}

/** The header row of a CSV file, read from its first 64 KiB. */
export async function readHeader(file: Uri): Promise<string[]> {
  let text: string;
  if (file.scheme === 'file') {
    const handle = await open(file.fsPath, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } else {
    text = Buffer.from(await workspace.fs.readFile(file)).subarray(0, 64 * 1024).toString('utf8');
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const parsed = Papa.parse<string[]>(firstLine, { delimiter: file.path.toLowerCase().endsWith('.tsv') ? '\t' : '' });
  return parsed.data[0] ?? [];
}

interface FileItem extends QuickPickItem {
  uri: Uri;
}

async function pickCsv(files: Uri[], title: string, exclude?: Uri): Promise<Uri | undefined> {
  const items: FileItem[] = files
    .filter((uri) => uri.toString() !== exclude?.toString())
    .map((uri) => ({ label: path.posix.basename(uri.path), description: workspace.asRelativePath(uri, true), uri }));
  const browse: QuickPickItem = { label: '$(folder-opened) Browse…' };
  const picked = await window.showQuickPick<QuickPickItem>([...items, browse], { title, placeHolder: 'A CSV file', matchOnDescription: true });
  if (!picked) return undefined;
  if (picked === browse) {
    const chosen = await window.showOpenDialog({ canSelectMany: false, filters: { CSV: ['csv', 'tsv'] }, title });
    return chosen?.[0];
  }
  return (picked as FileItem).uri;
}

function relative(from: Uri, to: Uri): string {
  const rel = path.posix.relative(path.posix.dirname(from.path), to.path);
  return rel === '' ? path.posix.basename(to.path) : rel;
}

/** The command: `current` preset from the Explorer's "Compare with reference…". Returns the new config. */
export async function createConfig(current?: Uri): Promise<Uri | undefined> {
  const files = await workspace.findFiles('**/*.{csv,tsv}', '**/node_modules/**', 500);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const reference = await pickCsv(files, current ? `Reference data to compare ${path.posix.basename(current.path)} with` : 'Reference data (what the model was validated on)', current);
  if (!reference) return undefined;
  const chosenCurrent = current ?? (await pickCsv(files, 'Current data (to compare with the reference)', reference));
  if (!chosenCurrent) return undefined;

  const header = await readHeader(reference);
  const target = Uri.joinPath(reference, '..', 'drift.yaml');
  let destination = target;
  if (await exists(target)) {
    const overwrite = 'Overwrite';
    const other = 'Choose another name…';
    const answer = await window.showWarningMessage(`${workspace.asRelativePath(target)} exists.`, { modal: true }, overwrite, other);
    if (answer === other) {
      const chosen = await window.showSaveDialog({ defaultUri: Uri.joinPath(reference, '..', `${path.posix.basename(reference.path).replace(/\.(csv|tsv)$/i, '')}.drift.yaml`), filters: { 'Drift config': ['yaml', 'yml'] } });
      if (!chosen) return undefined;
      destination = chosen;
    } else if (answer !== overwrite) return undefined;
  }
  const text = configText(relative(destination, reference), relative(destination, chosenCurrent), header, guessColumns(header));
  await workspace.fs.writeFile(destination, Buffer.from(text, 'utf8'));
  await window.showTextDocument(destination);
  return destination;
}

async function exists(file: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
