/**
 * The offer Create Monitoring Config makes on a large reference: save a reference profile of
 * it beside it (the server builds it, as `drift-monitor profile` does), so that the config's
 * `reference:` points at a small file the repository can hold, instead of the data itself.
 * Nothing is offered in Restricted Mode, where nothing runs.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { CancellationError, ProgressLocation, Uri, window, workspace, type QuickPickItem } from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { SAVE_REFERENCE_PROFILE, type SaveReferenceProfileParams } from '../../server/src/protocol/messages';
import { profileNameOf } from './dataFiles';

/** What the config's `reference:` names: the file itself, or a profile saved from it. */
export type ReferenceUse = 'file' | 'profile';

/** Asks whether to save a profile of `reference`, which the server found large (`large`: why); undefined when dismissed. */
export async function askReferenceUse(reference: Uri, large: string): Promise<ReferenceUse | undefined> {
  if (!workspace.isTrusted) return 'file';
  const name = path.posix.basename(reference.path);
  const profileName = path.posix.basename(profileNameOf(reference.path));
  const items: (QuickPickItem & { use: ReferenceUse })[] = [
    {
      label: 'Save a reference profile',
      description: profileName,
      detail: `Summarise ${name} once into ${profileName} beside it (counts, quantile sketches, category counts: no rows), and point reference: at it. Each analysis then reads the profile.`,
      use: 'profile',
    },
    {
      label: `Use ${name} itself`,
      detail: 'Each analysis reads the whole file.',
      use: 'file',
    },
  ];
  const picked = await window.showQuickPick(items, {
    title: `${name} ${large}`,
    placeHolder: 'A saved profile stands in for a large reference',
  });
  return picked?.use;
}

/** Saves the profile of `reference` beside it, with a cancellable progress notification; undefined when cancelled or failed. */
export async function saveReferenceProfile(client: LanguageClient, reference: Uri): Promise<Uri | undefined> {
  const output = Uri.file(profileNameOf(reference.fsPath));
  const shown = workspace.asRelativePath(output);
  return window.withProgress(
    { location: ProgressLocation.Notification, title: `Saving ${shown}`, cancellable: true },
    async (progress, token) => {
      const workDoneToken = randomUUID();
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
      });
      try {
        const params: SaveReferenceProfileParams = {
          file: reference.toString(),
          output: output.toString(),
          workDoneToken,
        };
        await client.sendRequest(SAVE_REFERENCE_PROFILE, params, token);
        return token.isCancellationRequested ? undefined : output;
      } catch (error) {
        if (!token.isCancellationRequested && !(error instanceof CancellationError))
          void window.showErrorMessage(`Could not save ${shown}: ${(error as Error).message}`);
        return undefined;
      } finally {
        listening.dispose();
      }
    },
  );
}
