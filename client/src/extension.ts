/**
 * The extension host entry point: everything lives in one DriftMonitor (driftMonitor.ts), which
 * owns the language client, the commands, the status bar item and the report panels.
 */
import type { ExtensionContext } from 'vscode';
import { DriftMonitor } from './driftMonitor';

let monitor: DriftMonitor | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  monitor = new DriftMonitor(context);
  // Disposed by deactivate (awaiting the server's shutdown); the context would not await it.
  await monitor.start();
}

export async function deactivate(): Promise<void> {
  const owner = monitor;
  monitor = undefined;
  await owner?.dispose();
}
