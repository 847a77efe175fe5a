/**
 * Restricted Mode in the editor: the server analyzes an untrusted workspace but holds back what
 * would leave the machine or run code, and says so in the Report (`heldBack`). Here, the one
 * notification that tells the user, with the way to trust the workspace. No `vscode` import at run
 * time: the extension passes in what it needs, and the unit tests run it outside the editor.
 */
import type { Report } from '../../server/src/protocol/report';

export const MANAGE_TRUST = 'Manage Workspace Trust';
/** VS Code's own command behind the button. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** The notification's text, or undefined when the run held nothing back. */
export function heldBackText(configName: string, report: Pick<Report, 'heldBack'>): string | undefined {
  const held = report.heldBack ?? [];
  if (held.length === 0) return undefined;
  const listed = held.length === 1 ? held[0] : `${held.slice(0, -1).join(', ')} and ${held.at(-1)}`;
  return `Drift analysis of ${configName} ran in Restricted Mode: ${listed} held back. Trust this workspace to allow them.`;
}

export class RestrictedModeNotice {
  /** Each text once per window: a second run holding back the same does not ask again. */
  private readonly shown = new Set<string>();

  constructor(
    private readonly ui: {
      warn(message: string, ...actions: string[]): Thenable<string | undefined>;
      run(command: string): Thenable<unknown>;
    },
  ) {}

  async analysisFinished(configName: string, report: Pick<Report, 'heldBack'>): Promise<void> {
    const text = heldBackText(configName, report);
    if (text === undefined || this.shown.has(text)) return;
    this.shown.add(text);
    if ((await this.ui.warn(text, MANAGE_TRUST)) === MANAGE_TRUST) await this.ui.run(MANAGE_TRUST_COMMAND);
  }
}
