import { describe, expect, it } from 'vitest';
import { inferTask } from '../../../src/engine/performance/task';
import { numbers, texts } from './columns';

describe('inferTask', () => {
  it('text labels are classes', () => {
    expect(inferTask(texts(['yes', 'no', null], 'churn'))).toEqual({
      task: 'classification',
      reason: "inferred: 'churn' holds text labels",
    });
  });
  it('up to 20 distinct whole numbers are classes', () => {
    expect(inferTask(numbers([0, 1, 1, null, 0], 'label'))).toEqual({
      task: 'classification',
      reason: "inferred: 'label' holds whole numbers with 2 distinct values (at most 20), taken as classes",
    });
    expect(inferTask(numbers(Array.from({ length: 20 }, (_, i) => i + 1))).task).toBe('classification');
  });
  it('more than 20 distinct values are a quantity', () => {
    expect(inferTask(numbers(Array.from({ length: 21 }, (_, i) => i))).task).toBe('regression');
    const price = numbers(
      Array.from({ length: 5000 }, (_, i) => 100 + (i % 3412)),
      'price',
    );
    expect(inferTask(price)).toEqual({
      task: 'regression',
      reason: "inferred: 'price' is numeric with 3,412 distinct values (more than 20 for classes)",
    });
  });
  it('values that are not whole numbers are a quantity, however few', () => {
    expect(inferTask(numbers([1, 2.5, 1], 'score'))).toEqual({
      task: 'regression',
      reason: "inferred: 'score' is numeric with 2 distinct values, not all whole numbers (e.g. 2.5)",
    });
  });
});
