/**
 * The extension host entry point: everything lives in one DriftMonitor (driftMonitor.ts), which
 * owns the language client, the commands, the status bar item and the report panels; only
 * Simulate Drift (simulateDrift.ts), which needs none of them, is registered here.
 */
import { commands, Uri, type ExtensionContext } from 'vscode';
import { DriftMonitor } from './driftMonitor';
import { simulateDriftCommand } from './simulateDrift';

let monitor: DriftMonitor | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  // Simulate Drift runs the simulator in this process: it does not wait for the language server.
  context.subscriptions.push(
    commands.registerCommand('driftMonitor.simulateDrift', (file?: unknown) => simulateDriftCommand(file instanceof Uri && /\.(csv|tsv)$/i.test(file.path) ? file : undefined)),
  );
  monitor = new DriftMonitor(context);
  // Disposed by deactivate (awaiting the server's shutdown); the context would not await it.
  await monitor.start();
}

export async function deactivate(): Promise<void> {
  const owner = monitor;
  monitor = undefined;
  await owner?.dispose();
}
