/** The retraining hook's config keys: the typed config, the checks, hover and completion. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { ColumnProfileCache } from '../../../src/engine/data/columnProfiles';
import { completions } from '../../../src/lsp/completion';
import { CsvHeaderCache } from '../../../src/engine/data/csvHeaders';
import { hover } from '../../../src/lsp/hover';
import { parseConfig } from '../../../src/engine/config/parse';
import { retrainingFolderProblems } from '../../../src/engine/retraining/configProblems';

const CONFIG = '/home/user/project/monitoring/drift.yaml';
const FILES = 'reference: r.csv\ncurrent: c.csv\n';
const scratch = mkdtempSync(path.join(tmpdir(), 'drift-retrain-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The problems as [code, severity, the text they point at, message]. */
function problems(text: string) {
  return parseConfig(text, CONFIG).problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end), p.message]);
}

describe('the retraining hook in the typed config', () => {
  it('resolves cwd in the config folder, turns env values into text and leaves auto off', () => {
    const { config, problems } = parseConfig(
      `${FILES}retraining:\n  command: python train.py --data "$DRIFT_MONITOR_CURRENT"\n  cwd: ../training\n  env: { EPOCHS: 20, NAME: churn, DRY_RUN: false }\n`,
      CONFIG,
    );
    expect(problems).toEqual([]);
    expect(config?.retraining).toEqual({
      when: ['dataset_drift', 'performance_drop', 'concept_drift'],
      hook: {
        command: 'python train.py --data "$DRIFT_MONITOR_CURRENT"',
        cwd: path.resolve('/home/user/project/training'),
        env: { EPOCHS: '20', NAME: 'churn', DRY_RUN: 'false' },
        auto: false,
      },
    });
  });

  it("runs in the config's folder without cwd, and keeps an absolute cwd", () => {
    expect(
      parseConfig(`${FILES}retraining:\n  command: make retrain\n  auto: true\n`, CONFIG).config?.retraining.hook,
    ).toEqual({ command: 'make retrain', cwd: path.resolve('/home/user/project/monitoring'), env: {}, auto: true });
    expect(
      parseConfig(`${FILES}retraining:\n  command: make retrain\n  cwd: /srv/model\n`, CONFIG).config?.retraining.hook
        ?.cwd,
    ).toBe(path.resolve('/srv/model'));
  });

  it('has no hook without a command', () => {
    expect(parseConfig(`${FILES}retraining:\n  min_rows: 10\n`, CONFIG).config?.retraining).toEqual({
      when: ['dataset_drift', 'performance_drop', 'concept_drift'],
      minRows: 10,
    });
  });
});

describe('checks of the retraining hook', () => {
  it('rejects an empty or blank command on its value', () => {
    const message = '`retraining.command` is empty: write the command that retrains the model, or remove the key.';
    expect(problems(`${FILES}retraining:\n  command: ""\n`)).toEqual([
      ['retraining-command-empty', 'error', '""', message],
    ]);
    expect(problems(`${FILES}retraining:\n  command: "   "\n`)).toEqual([
      ['retraining-command-empty', 'error', '"   "', message],
    ]);
    expect(parseConfig(`${FILES}retraining:\n  command: "   "\n`, CONFIG).config).toBeUndefined();
  });

  it('warns on cwd, env and auto without a command, and still gives the config', () => {
    const text = `${FILES}retraining:\n  cwd: training\n  env: { A: b }\n  auto: true\n`;
    expect(problems(text)).toEqual([
      ['retraining-without-command', 'warning', 'cwd', '`retraining.cwd` has no effect without `retraining.command`.'],
      ['retraining-without-command', 'warning', 'env', '`retraining.env` has no effect without `retraining.command`.'],
      [
        'retraining-without-command',
        'warning',
        'auto',
        '`retraining.auto` has no effect without `retraining.command`.',
      ],
    ]);
    expect(parseConfig(text, CONFIG).config?.retraining.hook).toBeUndefined();
  });

  it('keeps the DRIFT_MONITOR_ variables to Drift Monitor and rejects names with =', () => {
    expect(
      problems(
        `${FILES}retraining:\n  command: make\n  env:\n    DRIFT_MONITOR_CURRENT: x.csv\n    "A=B": c\n    OK: d\n`,
      ),
    ).toEqual([
      [
        'retraining-env-reserved',
        'error',
        'DRIFT_MONITOR_CURRENT',
        '`DRIFT_MONITOR_CURRENT`: Drift Monitor sets the DRIFT_MONITOR_* variables for the command itself; choose another name.',
      ],
      [
        'retraining-env-name',
        'error',
        '"A=B"',
        '`A=B` is not an environment variable name (it must not be empty or contain `=`).',
      ],
    ]);
  });

  it('leaves wrong types and unknown keys to the schema, with did-you-mean', () => {
    expect(problems(`${FILES}retraining:\n  command: [make, retrain]\n`)).toEqual([
      ['invalid-value', 'error', '[make, retrain]', '`retraining.command` must be a string, not a list.'],
    ]);
    expect(problems(`${FILES}retraining:\n  comand: make\n`)).toEqual([
      ['unknown-key', 'error', 'comand', 'Unknown key `comand` in `retraining`: did you mean `command`?'],
    ]);
    expect(
      problems(`${FILES}retraining:\n  command: make\n  env: { A: [1] }\n`).map(([code, , where]) => [code, where]),
    ).toEqual([['invalid-value', '[1]']]);
  });
});

describe('retraining.cwd on disk', () => {
  const configIn = (folder: string, yaml: string) => {
    const configPath = path.join(folder, 'drift.yaml');
    return { document: parseConfig(yaml, configPath).document, configPath, yaml };
  };

  it('names a missing folder and where it was looked for, on the value', async () => {
    const { document, configPath, yaml } = configIn(scratch, `${FILES}retraining:\n  command: make\n  cwd: training\n`);
    const found = await retrainingFolderProblems(document, configPath);
    expect(found.map((p) => [p.code, p.severity, yaml.slice(p.start, p.end), p.message])).toEqual([
      [
        'retraining-cwd-not-found',
        'error',
        'training',
        `\`retraining.cwd\` folder not found: training (looked in ${scratch})`,
      ],
    ]);
  });

  it('says when cwd is a file', async () => {
    writeFileSync(path.join(scratch, 'train.py'), '');
    const { document, configPath } = configIn(scratch, `${FILES}retraining:\n  command: make\n  cwd: train.py\n`);
    expect((await retrainingFolderProblems(document, configPath)).map((p) => p.message)).toEqual([
      `\`retraining.cwd\` is not a folder: train.py (looked in ${scratch})`,
    ]);
  });

  it('accepts an existing folder, relative or absolute, and no cwd at all', async () => {
    mkdirSync(path.join(scratch, 'model'));
    for (const cwd of ['model', path.join(scratch, 'model'), '.']) {
      const { document, configPath } = configIn(scratch, `${FILES}retraining:\n  command: make\n  cwd: ${cwd}\n`);
      expect(await retrainingFolderProblems(document, configPath)).toEqual([]);
    }
    const { document, configPath } = configIn(scratch, `${FILES}retraining:\n  command: make\n`);
    expect(await retrainingFolderProblems(document, configPath)).toEqual([]);
  });
});

describe('hover and completion of the retraining keys', () => {
  const headers = new CsvHeaderCache();

  it('offers command, cwd, env and auto under retraining', async () => {
    const text = `${FILES}retraining:\n  when: [dataset_drift]\n  `;
    const labels = (await completions(text, text.length, CONFIG, headers)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['command', 'cwd', 'env', 'auto', 'min_rows']));
    expect(labels).not.toContain('when');
  });

  it('explains the command, the shell that runs it and its variables on hover', async () => {
    const text = `${FILES}retraining:\n  command: make retrain\n`;
    const result = await hover(text, text.indexOf('command') + 2, CONFIG, headers, new ColumnProfileCache());
    const markdown = (result?.contents as MarkupContent).value;
    expect(markdown).toContain('run by the shell (/bin/sh; cmd.exe on Windows) exactly as written');
    expect(markdown).toContain('DRIFT_MONITOR_CURRENT');
    expect(markdown).toContain('audit log');
  });

  it('warns against secrets in env on hover', async () => {
    const text = `${FILES}retraining:\n  command: make\n  env: { A: b }\n`;
    const result = await hover(text, text.indexOf('env') + 1, CONFIG, headers, new ColumnProfileCache());
    expect((result?.contents as MarkupContent).value).toContain('put no secrets here');
  });
});
