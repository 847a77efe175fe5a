/** The editor's notice of what Restricted Mode held back, outside VS Code. */
import { describe, expect, it } from 'vitest';
import { MANAGE_TRUST, MANAGE_TRUST_COMMAND, RestrictedModeNotice, heldBackText } from '../../src/restrictedMode';

function notice(answer: string | undefined) {
  const shown: { message: string; actions: string[] }[] = [];
  const ran: string[] = [];
  const ui = {
    warn: async (message: string, ...actions: string[]) => {
      shown.push({ message, actions });
      return answer;
    },
    run: async (command: string) => ran.push(command),
  };
  return { shown, ran, notice: new RestrictedModeNotice(ui) };
}

describe('what Restricted Mode held back', () => {
  it('is said in one notification with Manage Workspace Trust, which opens the trust editor', async () => {
    const { shown, ran, notice: restricted } = notice(MANAGE_TRUST);
    await restricted.analysisFinished('drift.yaml', {
      heldBack: ['the alerts to the webhook', 'the alerts by e-mail', 'the retraining command'],
    });
    expect(shown).toEqual([
      {
        message:
          'Drift analysis of drift.yaml ran in Restricted Mode: the alerts to the webhook, the alerts by e-mail and the retraining command held back. Trust this workspace to allow them.',
        actions: ['Manage Workspace Trust'],
      },
    ]);
    expect(ran).toEqual([MANAGE_TRUST_COMMAND]);
    expect(MANAGE_TRUST_COMMAND).toBe('workbench.trust.manage');
  });

  it('is not said again for the same, nor when nothing was held back', async () => {
    const { shown, ran, notice: restricted } = notice(undefined);
    await restricted.analysisFinished('drift.yaml', { heldBack: ['the retraining command'] });
    await restricted.analysisFinished('drift.yaml', { heldBack: ['the retraining command'] });
    await restricted.analysisFinished('drift.yaml', {});
    expect(shown.map(({ message }) => message)).toEqual([
      'Drift analysis of drift.yaml ran in Restricted Mode: the retraining command held back. Trust this workspace to allow them.',
    ]);
    expect(ran).toEqual([]);
    expect(heldBackText('drift.yaml', { heldBack: [] })).toBeUndefined();
  });
});
