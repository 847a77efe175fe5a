/**
 * What Simulate Drift in the editor offers: the columns each perturbation fits (columnsFor)
 * are exactly those the checks accept, on the demo reference read by readFacts; and the
 * summary lines it and the CLI show.
 */
import { describe, expect, it } from 'vitest';
import { changeLines } from '../../../src/engine/simulate/changeSummary';
import { checkPerturbations, columnsFor } from '../../../src/engine/simulate/checkPerturbations';
import { readFacts, type FileFacts } from '../../../src/engine/simulate/columnFacts';
import { parsePerturbation, PERTURBATIONS, type PerturbationKind } from '../../../src/engine/simulate/perturbation';

const demoReference = new URL('../../../../test-fixtures/demo/reference.csv', import.meta.url).pathname;

/** A perturbation of `kind` on `column` with an argument that fits whenever the column does. */
function sample(kind: PerturbationKind, column: string, facts: FileFacts) {
  const [first = 'x', second = 'y'] = facts.columns.get(column)!.categories ?? [];
  const argument: Record<PerturbationKind, string> = {
    shift: '1',
    scale: '2',
    noise: '1',
    'shift-probability': '0.1',
    swap: `${first}:${second}`,
    mix: `${first}:0.1`,
    'new-category': 'never-seen-before:0.1',
    missing: '0.1',
    'flip-labels': '0.1',
  };
  return parsePerturbation(kind, `${column}=${argument[kind]}`);
}

function fits(kind: PerturbationKind, column: string, facts: FileFacts): boolean {
  try {
    checkPerturbations([sample(kind, column, facts)], facts, 'reference.csv');
    return true;
  } catch {
    return false;
  }
}

describe('columnsFor', () => {
  it('offers each perturbation exactly the columns the checks accept', async () => {
    const facts = await readFacts(demoReference, 'reference.csv');
    for (const { kind } of PERTURBATIONS) {
      expect(columnsFor(kind, facts), kind).toEqual(facts.header.filter((column) => fits(kind, column, facts)));
    }
  });

  it('offers numbers, probabilities and label columns as the demo has them', async () => {
    const facts = await readFacts(demoReference, 'reference.csv');
    expect(columnsFor('shift', facts)).toEqual([
      'age',
      'income',
      'credit_score',
      'loan_amount',
      'num_accounts',
      'default',
      'predicted_default',
      'default_probability',
    ]);
    expect(columnsFor('shift-probability', facts)).toEqual(['default', 'predicted_default', 'default_probability']);
    // Up to 64 distinct numbers count as classes: age (64 distinct ages) does, credit_score does not.
    expect(columnsFor('flip-labels', facts)).toEqual([
      'age',
      'employment_type',
      'region',
      'num_accounts',
      'has_mortgage',
      'default',
      'predicted_default',
    ]);
    expect(facts.columns.get('region')!.categories).toEqual(['north', 'east', 'south', 'west']);
    expect(facts.rows).toBe(5000);
  });
});

describe('changeLines', () => {
  it('says what each perturbation changed, aligned', () => {
    const perturbations = [parsePerturbation('shift', 'income=5000'), parsePerturbation('missing', 'age=0.1')];
    expect(changeLines(perturbations, { rows: 5000, rowsPerturbed: 5000, cellsChanged: [4909, 1] })).toEqual([
      '--shift income=5000  4,909 cells changed',
      '--missing age=0.1    1 cell changed',
    ]);
  });
});
