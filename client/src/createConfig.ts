/**
 * Create Monitoring Config: pick a reference and a current data file (CSV, gzip CSV, Parquet;
 * the reference may be a saved profile), and write next to them the commented drift.yaml the
 * language server makes from the reference's columns. A large reference can be saved as a
 * reference profile first (referenceProfile.ts), which the config then points at.
 */
import * as path from 'node:path';
import { Uri, window, workspace, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GET_CONFIG_TEMPLATE,
  GET_CSV_HEADER,
  type CsvColumn,
  type GetConfigTemplateParams,
  type GetCsvHeaderParams,
} from '../../server/src/protocol/messages';
import { DATA_FILES_GLOB, DATA_FILE_FILTERS, dataFileStem, isProfileName } from './dataFiles';
import { askReferenceUse, saveReferenceProfile } from './referenceProfile';

/** The reference's columns with their kinds, and why it is large; no columns (with a warning) when the header cannot be read. */
async function detectColumns(client: LanguageClient, file: Uri): Promise<{ columns: CsvColumn[]; large?: string }> {
  const params: GetCsvHeaderParams = { file: file.toString() };
  const result = await client.sendRequest(GET_CSV_HEADER, params);
  if ('problem' in result) {
    void window.showWarningMessage(`${workspace.asRelativePath(file)} ${result.problem}: the config lists no columns.`);
    return { columns: [] };
  }
  return result;
}

interface FileItem extends QuickPickItem {
  uri: Uri;
}

async function pickDataFile(files: Uri[], title: string, exclude?: Uri): Promise<Uri | undefined> {
  const items: FileItem[] = files
    .filter((uri) => uri.toString() !== exclude?.toString())
    .map((uri) => ({ label: path.posix.basename(uri.path), description: workspace.asRelativePath(uri, true), uri }));
  const browse: QuickPickItem = { label: '$(folder-opened) Browse…' };
  const picked = await window.showQuickPick<QuickPickItem>([...items, browse], {
    title,
    placeHolder: 'A data file: CSV, gzip CSV, Parquet, or (for the reference) a saved profile',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked === browse) {
    const chosen = await window.showOpenDialog({ canSelectMany: false, filters: DATA_FILE_FILTERS, title });
    return chosen?.[0];
  }
  return (picked as FileItem).uri;
}

function relative(from: Uri, to: Uri): string {
  const rel = path.posix.relative(path.posix.dirname(from.path), to.path);
  return rel === '' ? path.posix.basename(to.path) : rel;
}

/** The command: `current` preset from the Explorer's "Compare with reference…". Returns the new config. */
export async function createConfig(server: Promise<LanguageClient>, current?: Uri): Promise<Uri | undefined> {
  const files = (await workspace.findFiles(DATA_FILES_GLOB, '**/node_modules/**', 500)).filter(
    (file) => file.scheme === 'file',
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  const chosenReference = await pickDataFile(
    files,
    current
      ? `Reference data to compare ${path.posix.basename(current.path)} with`
      : 'Reference data (what the model was validated on)',
    current,
  );
  if (!chosenReference) return undefined;
  const client = await server;
  const { columns, large } = await detectColumns(client, chosenReference);
  // Asked before the current file is picked, in the order a person thinks of it; saved once every choice is made.
  const use = large ? await askReferenceUse(chosenReference, large) : 'file';
  if (!use) return undefined;
  // A profile stands for a reference only.
  const currentFiles = files.filter((file) => !isProfileName(file.path));
  const chosenCurrent =
    current ?? (await pickDataFile(currentFiles, 'Current data (to compare with the reference)', chosenReference));
  if (!chosenCurrent) return undefined;

  const target = Uri.joinPath(chosenReference, '..', 'drift.yaml');
  let destination = target;
  if (await exists(target)) {
    const overwrite = 'Overwrite';
    const other = 'Choose another name…';
    const answer = await window.showWarningMessage(
      `${workspace.asRelativePath(target)} exists.`,
      { modal: true },
      overwrite,
      other,
    );
    if (answer === other) {
      const chosen = await window.showSaveDialog({
        defaultUri: Uri.joinPath(
          chosenReference,
          '..',
          `${dataFileStem(path.posix.basename(chosenReference.path))}.drift.yaml`,
        ),
        filters: { 'Drift config': ['yaml', 'yml'] },
      });
      if (!chosen) return undefined;
      destination = chosen;
    } else if (answer !== overwrite) return undefined;
  }
  const reference = use === 'profile' ? await saveReferenceProfile(client, chosenReference) : chosenReference;
  if (!reference) return undefined;
  const params: GetConfigTemplateParams = {
    reference: relative(destination, reference),
    current: relative(destination, chosenCurrent),
    columns: columns.map(({ name, kind }) => ({ name, kind })),
  };
  const text = await client.sendRequest(GET_CONFIG_TEMPLATE, params);
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
