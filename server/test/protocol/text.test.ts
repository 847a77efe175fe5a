/** The text module: each figure's rule at its edges. */
import { describe, expect, it } from 'vitest';
import {
  adjustedPValue,
  andList,
  conceptDriftReason,
  correctionSentence,
  datasetDriftSentence,
  driftedColumns,
  driftedFeatures,
  driftedFeaturesBrief,
  fileRows,
  formatChange,
  formatCount,
  formatNumber,
  formatRisk,
  formatValue,
  errorRateChange,
  percent,
  plural,
  percentagePoints,
  rate,
  riskBreakdown,
  roughPercent,
  errorRate,
  seconds,
  shareAndLimit,
  terminalText,
} from '../../src/protocol/text';

describe('formatNumber', () => {
  it('keeps 4 significant digits without trailing zeros', () => {
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(0.523)).toBe('0.523');
    expect(formatNumber(0.52295515)).toBe('0.523');
    expect(formatNumber(57443.78)).toBe('57440');
    expect(formatNumber(-1.23456)).toBe('-1.235');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it('writes tiny and huge magnitudes in scientific notation, from 1e-4 down and 1e7 up', () => {
    expect(formatNumber(1e-4)).toBe('0.0001');
    expect(formatNumber(9.99e-5)).toBe('9.99e-5');
    expect(formatNumber(1.2544690033883136e-63)).toBe('1.25e-63');
    expect(formatNumber(Number.MIN_VALUE)).toBe('4.94e-324');
    expect(formatNumber(9_999_999)).toBe('10000000');
    expect(formatNumber(1e7)).toBe('1.00e+7');
    expect(formatNumber(-17_731_540.5)).toBe('-1.77e+7');
    expect(formatNumber(Number.MAX_VALUE)).toBe('1.80e+308');
  });

  it('writes 0 for both zeros and names what is not a number', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('formatChange', () => {
  it('signs a change, zero as no fall', () => {
    expect(formatChange(0.07661)).toBe('+0.07661');
    expect(formatChange(-0.031274)).toBe('-0.03127');
    expect(formatChange(0)).toBe('+0');
    expect(formatChange(-0)).toBe('+0');
    expect(formatChange(2e-7)).toBe('+2.00e-7');
    expect(formatChange(NaN)).toBe('NaN');
  });
});

describe('formatCount and formatValue', () => {
  it('groups every digit of a count by thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(1)).toBe('1');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(7_642_457)).toBe('7,642,457');
    expect(formatCount(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('keeps a value of the data as it is, unrounded', () => {
    expect(formatValue(300_573)).toBe('300573');
    expect(formatValue(0.123456789)).toBe('0.123456789');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(NaN)).toBe('NaN');
  });

  it('puts the noun in the plural unless the count is 1', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(5000, 'data row')).toBe('5,000 data rows');
    expect(plural(2, 'category', 'categories')).toBe('2 categories');
  });

  it('lists with commas and a final "and"', () => {
    expect(andList([])).toBe('');
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b'])).toBe('a and b');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('percentages', () => {
  it('writes a share with one decimal, or whole', () => {
    expect(percent(0)).toBe('0.0%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0.375)).toBe('37.5%');
    expect(percent(0.375, 0)).toBe('38%');
    expect(percent(2 / 3, 0)).toBe('67%');
    expect(percent(0, 0)).toBe('0%');
    expect(percent(1, 0)).toBe('100%');
    expect(percent(0.005, 0)).toBe('1%');
    expect(percent(0.9995)).toBe('100.0%');
    expect(percent(-0, 0)).toBe('0%');
    expect(percent(NaN, 0)).toBe('NaN%');
    expect(percent(Infinity, 0)).toBe('Infinity%');
  });

  it('rounds a whole percentage as Math.round does, so the report sentences read as before', () => {
    for (let features = 1; features <= 400; features++) {
      for (let drifted = 0; drifted <= features; drifted++) {
        const share = drifted / features;
        if (percent(share, 0) !== `${Math.round(share * 100)}%`)
          expect.fail(`${drifted} of ${features}: ${percent(share, 0)}`);
      }
    }
    for (const share of [0.005, 0.015, 0.125, 0.285, 0.5, 0.995, 1e-9, 0.999999])
      expect(percent(share, 0)).toBe(`${Math.round(share * 100)}%`);
  });

  it('never rounds a rate that is not 0 to 0%, nor one below 1 to 100%', () => {
    expect(rate(0)).toBe('0.0%');
    expect(rate(1)).toBe('100.0%');
    expect(rate(0.0004)).toBe('<0.1%');
    expect(rate(1e-12)).toBe('<0.1%');
    expect(rate(0.0005)).toBe('0.1%');
    expect(rate(0.005)).toBe('0.5%');
    expect(rate(0.9994)).toBe('99.9%');
    expect(rate(0.9995)).toBe('>99.9%');
    expect(rate(1 - 1e-12)).toBe('>99.9%');
    expect(rate(1 / 6)).toBe('16.7%');
    expect(rate(-0)).toBe('0.0%');
    expect(rate(NaN)).toBe('NaN%');
  });

  it('writes an error rate to three significant digits, so that 0.500% and 0.501% read apart', () => {
    expect(errorRate(0.005)).toBe('0.500%');
    expect(errorRate(0.00501)).toBe('0.501%');
    expect(errorRate(0.1574)).toBe('15.7%');
    expect(errorRate(566 / 3000)).toBe('18.9%');
    expect(errorRate(0.36183)).toBe('36.2%');
    expect(errorRate(0.001)).toBe('0.100%');
    expect(errorRate(1)).toBe('100%');
    expect(errorRate(0)).toBe('0%');
    expect(errorRate(-0)).toBe('0%');
    expect(errorRate(NaN)).toBe('NaN%');
    // Where percent(…, 0) read both as 1%.
    expect(errorRate(0.005)).not.toBe(errorRate(0.00501));
  });

  it('writes an error bound to two significant digits', () => {
    expect(roughPercent(0.00523)).toBe('0.52%');
    expect(roughPercent(0.05)).toBe('5%');
    expect(roughPercent(0.000012345)).toBe('0.0012%');
    expect(roughPercent(0)).toBe('0%');
  });

  it('writes a change of a rate in signed percentage points', () => {
    expect(percentagePoints(0)).toBe('0');
    expect(percentagePoints(-0)).toBe('0');
    expect(percentagePoints(0.015)).toBe('+1.5 pp');
    expect(percentagePoints(-0.003)).toBe('-0.3 pp');
    expect(percentagePoints(1)).toBe('+100.0 pp');
  });
});

describe('durations, files and the risk', () => {
  it('writes one decimal under 10 s and whole seconds from there', () => {
    expect(seconds(0)).toBe('0.0 s');
    expect(seconds(1234)).toBe('1.2 s');
    expect(seconds(9_949)).toBe('9.9 s');
    expect(seconds(10_000)).toBe('10 s');
    expect(seconds(12_500)).toBe('13 s');
  });

  it('says how much of a file was read', () => {
    expect(fileRows({ rows: 5000 })).toBe('5,000 rows');
    expect(fileRows({ rows: 1, sampledFrom: 5000 })).toBe('1 of 5,000 rows, sampled');
    expect(fileRows({ rows: 1000, sampledFrom: 2_000_000, streamed: true })).toBe(
      '2,000,000 rows, streamed; sample of 1,000',
    );
  });

  it('writes the risk out of 100 with its level', () => {
    expect(formatRisk({ score: 79, level: 'high' })).toBe('79/100 (high)');
  });
});

describe('the dataset-drift sentence', () => {
  const dataset = { features: 6, driftedFeatures: 4, share: 4 / 6, threshold: 0.5, drifted: true };

  it('gives the drifted share against drift.share in whole percent', () => {
    expect(datasetDriftSentence(dataset)).toBe('Dataset drift: 4 of 6 input features drifted (67%, limit 50%).');
    expect(
      datasetDriftSentence({ features: 8, driftedFeatures: 3, share: 3 / 8, threshold: 0.5, drifted: false }),
    ).toBe('No dataset drift: 3 of 8 input features drifted (38%, limit 50%).');
    expect(datasetDriftSentence({ features: 0, driftedFeatures: 0, share: 0, threshold: 0.3, drifted: false })).toBe(
      'No dataset drift: 0 of 0 input features drifted (0%, limit 30%).',
    );
  });

  it('is made of the parts the other sentences use', () => {
    expect(driftedFeatures(dataset)).toBe('4 of 6 input features drifted');
    expect(shareAndLimit(dataset)).toBe('67%, limit 50%');
    expect(driftedFeaturesBrief(dataset)).toBe('4 of 6 input features drifted — dataset drift');
    expect(driftedFeaturesBrief({ ...dataset, drifted: false })).toBe('4 of 6 input features drifted');
  });
});

describe('terminal text', () => {
  it('escapes C0 controls but newline and tab, DEL and C1, and leaves other text as it is', () => {
    expect(terminalText('a\x1b[31mb\x1b]0;title\x07c')).toBe('a\\x1b[31mb\\x1b]0;title\\x07c');
    expect(terminalText('\x00\r\x7f\x9b2J\x85')).toBe('\\x00\\x0d\\x7f\\x9b2J\\x85');
    expect(terminalText('line\n\tindented: région, 数据, \u00a0\u00ff')).toBe(
      'line\n\tindented: région, 数据, \u00a0\u00ff',
    );
  });
});

describe('the diagnosis and risk words', () => {
  it('prints error rates with enough digits to tell them apart', () => {
    expect(errorRateChange(0.157, 0.189)).toBe('15.7% → 18.9%');
    expect(errorRateChange(0.005, 0.00501)).toBe('0.500% → 0.501%');
    expect(errorRateChange(0.1571, 0.1574)).toBe('15.71% → 15.74%');
    expect(errorRateChange(0.005, 0.005)).toBe('0.500% → 0.500%');
    expect(errorRateChange(0, 1)).toBe('0% → 100%');
  });

  it('names drifted columns by severity, at most 8, and counts the rest', () => {
    expect(
      driftedColumns([
        { name: 'b', severity: 'moderate' },
        { name: 'a', severity: 'high' },
      ]),
    ).toBe('a (high), b (moderate)');
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `x${i}`, severity: 'high' }));
    expect(driftedColumns(ten)).toBe('x0, x1, x2, x3, x4, x5, x6 and x7 (high) and 2 more');
  });

  it('gives the retraining reason for concept drift without saying drifted inputs stayed', () => {
    expect(conceptDriftReason([])).toBe('concept drift: errors rose while no input feature drifted');
    expect(conceptDriftReason([{ name: 'income', severity: 'high' }])).toBe(
      'concept drift or input drift: errors rose while income (high) drifted, under drift.share',
    );
  });

  it('writes the risk breakdown on one line, unmeasured components said so', () => {
    expect(
      riskBreakdown({
        components: [
          { name: 'inputDrift', points: 8.7272, max: 30, measured: true },
          { name: 'timeWindows', points: 0, max: 10, measured: false },
        ],
      }),
    ).toBe('input drift 8.7/30, time windows not measured');
  });
});

describe('correctionSentence and adjustedPValue', () => {
  it('names the correction, the tests it covered and the distances it left alone', () => {
    expect(correctionSentence({ method: 'fdr', pValueTests: 7, distanceTests: 4 })).toBe(
      'p-values corrected: Benjamini–Hochberg over the 7 p-value tests; the 4 distances are not corrected.',
    );
    expect(correctionSentence({ method: 'bonferroni', pValueTests: 1, distanceTests: 1 })).toBe(
      'p-values corrected: Bonferroni over the one p-value test; the one distance is not corrected.',
    );
    expect(correctionSentence({ method: 'none', pValueTests: 1200, distanceTests: 0 })).toBe(
      'p-values not corrected for multiple testing (drift.correction: none): the 1,200 p-value tests each judged alone.',
    );
  });

  it('says nothing where no p-value decides', () => {
    expect(correctionSentence({ method: 'fdr', pValueTests: 0, distanceTests: 11 })).toBeUndefined();
  });

  it('reads an adjusted p-value as every other statistic', () => {
    expect(adjustedPValue(0.021346)).toBe('adjusted p 0.02135');
    expect(adjustedPValue(3e-9)).toBe('adjusted p 3.00e-9');
  });
});
