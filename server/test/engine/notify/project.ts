/** A monitoring project in a temp dir: the demo's CSVs and config, plus the alert channels under test. */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromText } from '../../../src/engine/config/load';
import type { DriftConfig } from '../../../src/engine/config/model';

const demo = new URL('../../../../test-fixtures/demo/', import.meta.url).pathname;

export interface Project {
  dir: string;
  configPath: string;
  /** The config as loaded (throws for a config with errors). */
  readonly config: DriftConfig;
  ledgerPath: string;
  /** New bytes in the current CSV: a blank line (CRLF, as the file's), which the analysis skips, so only the data's identity changes. */
  touchCurrent(): void;
}

export function project(notifications: string): Project {
  const dir = mkdtempSync(join(tmpdir(), 'drift-notify-'));
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(join(demo, file), join(dir, file));
  const configPath = join(dir, 'drift.yaml');
  const text = `${readFileSync(join(demo, 'drift.yaml'), 'utf8')}\n${notifications}`;
  writeFileSync(configPath, text);
  return {
    dir,
    configPath,
    get config() {
      return configFromText(text, configPath);
    },
    ledgerPath: join(dir, '.drift-monitor', 'notified.json'),
    touchCurrent: () => appendFileSync(join(dir, 'current.csv'), '\r\n'),
  };
}

/** The demo's alerts, as the analysis words them (most severe first). */
export const DEMO_ALERTS = [
  {
    severity: 'high',
    kind: 'feature-drift',
    column: 'income',
    message: "'income' drifted: mean 57440 → 71770 (normed Wasserstein 0.523, threshold 0.1).",
    recommendation:
      "Check the upstream source of 'income' for a pipeline or unit change; retrain if the shift is expected to persist.",
  },
  {
    severity: 'high',
    kind: 'feature-drift',
    column: 'loan_amount',
    message: "'loan_amount' drifted: mean 15920 → 25450 (normed Wasserstein 1.188, threshold 0.1).",
    recommendation:
      "Check the upstream source of 'loan_amount' for a pipeline or unit change; retrain if the shift is expected to persist.",
  },
  {
    severity: 'high',
    kind: 'prediction-drift',
    column: 'default_probability',
    message: "'default_probability' (model) drifted: mean 0.1741 → 0.2331 (normed Wasserstein 0.3444, threshold 0.1).",
    recommendation:
      "The model's output moved: compare with the input drift; if inputs are stable, look for a model or feature-pipeline change.",
  },
  {
    severity: 'high',
    kind: 'concept-drift',
    column: 'model',
    message:
      'Concept drift or input drift: errors of model rose (error rate 15.7% → 18.9%) while income and loan_amount (high), employment_type (low) drifted: the drifted inputs may explain it, or the relation between inputs and target changed; the data cannot tell which.',
    recommendation:
      'Compare the errors on the rows where income and loan_amount (high), employment_type (low) moved with the others: errors that follow the drifted inputs point to the input change (fix it upstream, or retrain on data that has it); errors everywhere point to a changed relation between inputs and target (retrain on data from after the change point).',
  },
  {
    severity: 'low',
    kind: 'feature-drift',
    column: 'employment_type',
    message:
      "'employment_type' drifted: 'self-employed' 18.0% → 33.0% of 3,000 rows (Jensen–Shannon distance 0.1254, threshold 0.1).",
    recommendation:
      "Check the upstream source of 'employment_type' for a pipeline or unit change; retrain if the shift is expected to persist.",
  },
];
