import { describe, expect, it } from 'vitest';
import { configsReading } from '../../src/configsReading';

const config = (uri: string, path: string, text: string) => ({ uri, path, text });
const configs = [
  config('a', '/w/drift.yaml', 'reference: data/ref.csv\ncurrent: data/cur.csv\n'),
  config('b', '/w/models/churn.drift.yaml', 'reference: ../data/ref.csv\ncurrent: prod.csv\ndatasets:\n  test: ../data/test.csv\n'),
  config('broken', '/w/other.drift.yaml', 'reference: data/cur.csv\ncurrent: data/cur.csv\ndrfit: {}\n'),
];

describe('configsReading', () => {
  it('finds the configs reading a file through paths relative to each config', () => {
    expect(configsReading('/w/data/ref.csv', configs)).toEqual(['a', 'b']);
    expect(configsReading('/w/data/cur.csv', configs)).toEqual(['a']);
    expect(configsReading('/w/models/prod.csv', configs)).toEqual(['b']);
  });

  it('counts the extra datasets as read', () => {
    expect(configsReading('/w/data/test.csv', configs)).toEqual(['b']);
  });

  it('leaves out configs with errors (they cannot run) and files nobody reads', () => {
    expect(configsReading('/w/data/cur.csv', configs)).not.toContain('broken');
    expect(configsReading('/w/elsewhere.csv', configs)).toEqual([]);
  });
});
