/**
 * SAVE_REFERENCE_PROFILE: "Create Monitoring Config…" saving a reference profile of a large
 * reference. The profile is built on a worker thread, as `drift-monitor profile` builds it
 * (engine/profile/buildProfile.ts), so that the server keeps answering while the file is read;
 * cancelling ends the worker. It is written to a temporary file renamed into place, so that a
 * cancelled or failed save never leaves half a profile behind.
 */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError, type Connection, type WorkDoneProgressParams } from 'vscode-languageserver/node';
import { bundledWorker, runWorker } from '../engine/data/workerTask';
import { buildProfile } from '../engine/profile/buildProfile';
import type { ProfileFile } from '../engine/profile/profileFormat';
import { profileText } from '../engine/profile/profileFile';
import {
  SAVE_REFERENCE_PROFILE,
  type SaveReferenceProfileParams,
  type SavedReferenceProfile,
} from '../protocol/messages';
import { cancelled, requestError } from './requestErrors';
import { pathOf } from './uris';
import type { WorkspaceTrust } from './workspaceTrust';

/** The bundle of saveProfileWorker.ts, next to the server's (dist/). */
const SAVE_PROFILE_WORKER = 'saveProfileWorker.js';

interface BuildRequest {
  file: string;
}

/** In the worker (or on this thread, unbundled): the profile of the file. */
export function buildRequested({ file }: BuildRequest): Promise<ProfileFile> {
  return buildProfile(file, { displayPath: path.basename(file) });
}

export function handleSaveProfile(connection: Connection, trust: WorkspaceTrust): void {
  connection.onRequest(
    SAVE_REFERENCE_PROFILE,
    async (params: SaveReferenceProfileParams & WorkDoneProgressParams, token): Promise<SavedReferenceProfile> => {
      // Restricted Mode runs nothing on the user's behalf, and this writes a file.
      if (!trust.isTrusted)
        throw new ResponseError(
          LSPErrorCodes.RequestFailed,
          'A reference profile is not saved in Restricted Mode: trust the workspace to save one.',
        );
      const file = pathOf(params.file);
      const output = pathOf(params.output);
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
      const workDone = connection.window.attachWorkDoneProgress(params.workDoneToken);
      workDone.begin('Reference profile', undefined, `Reading ${path.basename(file)}`, true);
      const temporary = `${output}.${process.pid}.tmp`;
      try {
        const script = bundledWorker(SAVE_PROFILE_WORKER);
        const request: BuildRequest = { file };
        const profile = script
          ? await runWorker<ProfileFile, never>(script, request, {
              signal: controller.signal,
              task: `profiling ${path.basename(file)}`,
            })
          : await buildRequested(request);
        if (controller.signal.aborted) throw controller.signal.reason;
        workDone.report(`Writing ${path.basename(output)}`);
        await writeFile(temporary, profileText(profile));
        await rename(temporary, output);
        return { bytes: (await stat(output)).size, rows: profile.rows, columns: profile.columns.length };
      } catch (error) {
        await rm(temporary, { force: true });
        if (controller.signal.aborted)
          throw cancelled('Saving the reference profile was cancelled; nothing was written.');
        throw requestError(error);
      } finally {
        workDone.done();
      }
    },
  );
}
