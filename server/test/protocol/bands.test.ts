import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DYNAMIC_K, dynamicBand, isOutsideBand } from '../../src/protocol/bands';

describe('dynamicBand', () => {
  it('is mean ± k·σ with the sample standard deviation', () => {
    // mean 12; squared deviations 4 + 0 + 4 = 8; σ² = 8 / (3 − 1) = 4; σ = 2.
    expect(dynamicBand([10, 12, 14], 3)).toEqual({ mean: 12, std: 2, low: 6, high: 18 });
    // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; σ = √(5/3) = 1.2909944487358056.
    const band = dynamicBand([1, 2, 3, 4], 2)!;
    expect(band.mean).toBe(2.5);
    expect(band.std).toBeCloseTo(1.2909944487358056, 14);
    expect(band.low).toBeCloseTo(-0.0819888974716112, 14);
    expect(band.high).toBeCloseTo(5.081988897471612, 14);
  });

  it('works on drift statistics: PSI of five earlier windows', () => {
    // mean 0.06; deviations −0.02, 0, 0.02, −0.01, 0.01; squares sum 0.001; σ = √(0.001/4) = 0.015811388300841896.
    const band = dynamicBand([0.04, 0.06, 0.08, 0.05, 0.07], 3)!;
    expect(band.mean).toBeCloseTo(0.06, 15);
    expect(band.std).toBeCloseTo(0.015811388300841896, 15);
    expect(band.low).toBeCloseTo(0.06 - 3 * 0.015811388300841896, 15);
    expect(band.high).toBeCloseTo(0.10743416490252569, 15);
    expect(isOutsideBand(0.11, band)).toBe(true);
    expect(isOutsideBand(0.1, band)).toBe(false);
  });

  it('skips values that are not finite', () => {
    expect(dynamicBand([10, NaN, 12, Infinity, 14, -Infinity], 3)).toEqual(dynamicBand([10, 12, 14], 3));
  });

  it('is null with fewer than minHistory finite values (3 by default)', () => {
    expect(dynamicBand([], 3)).toBeNull();
    expect(dynamicBand([1, 2], 3)).toBeNull();
    expect(dynamicBand([1, NaN, 2], 3)).toBeNull();
    expect(dynamicBand([1, 2, 4], 3, 4)).toBeNull();
    expect(dynamicBand([1, 2], 1, 2)).toEqual({
      mean: 1.5,
      std: Math.SQRT1_2,
      low: 1.5 - Math.SQRT1_2,
      high: 1.5 + Math.SQRT1_2,
    });
  });

  it('refuses a minHistory below 2, where there is no sample standard deviation', () => {
    expect(() => dynamicBand([1, 2, 3], 3, 1)).toThrow(RangeError);
  });

  it('is a single point for a constant history', () => {
    expect(dynamicBand([5, 5, 5], 3)).toEqual({ mean: 5, std: 0, low: 5, high: 5 });
  });
});

describe('dynamicBand limits', () => {
  it('draws the band at least k sampling errors wide, so a constant history does not flag every wobble', () => {
    // A precision of exactly 0.5 four times, judged with a floor of 0.036: 0.5 ± 3·0.036.
    const band = dynamicBand([0.5, 0.5, 0.5, 0.5], 3, 3, { floor: 0.036 })!;
    expect(band.std).toBe(0);
    expect(band.low).toBeCloseTo(0.392, 15);
    expect(band.high).toBeCloseTo(0.608, 15);
    expect(isOutsideBand(0.4878, band)).toBe(false);
  });

  it('keeps the larger of σ and the floor', () => {
    expect(dynamicBand([10, 12, 14], 3, 3, { floor: 0.5 })).toEqual({ mean: 12, std: 2, low: 6, high: 18 });
  });

  it('clamps the band to the values the quantity can take', () => {
    // Uniform-looking values in [0, 1]: mean 0.4, σ ≈ 0.37, so mean ± 3σ runs past both ends.
    const band = dynamicBand([0.02, 0.9, 0.3, 0.7, 0.08], 3, 3, { range: [0, 1] })!;
    expect(band.mean).toBeCloseTo(0.4, 15);
    expect(band.low).toBe(0);
    expect(band.high).toBe(1);
    expect(dynamicBand([0.02, 0.9, 0.3, 0.7, 0.08], 3)!.low).toBeLessThan(0);
  });
});

describe('isOutsideBand', () => {
  const band = { mean: 12, std: 2, low: 6, high: 18 };

  it('is true strictly outside the band, false on its edges and inside', () => {
    expect(isOutsideBand(5.9, band)).toBe(true);
    expect(isOutsideBand(18.1, band)).toBe(true);
    expect(isOutsideBand(6, band)).toBe(false);
    expect(isOutsideBand(18, band)).toBe(false);
    expect(isOutsideBand(12, band)).toBe(false);
  });

  it('never flags a NaN', () => {
    expect(isOutsideBand(NaN, band)).toBe(false);
  });
});

describe('DEFAULT_DYNAMIC_K', () => {
  it('is the default the config schema states for windows.dynamic_k', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../schemas/drift-monitor.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.properties.windows.properties.dynamic_k.default).toBe(DEFAULT_DYNAMIC_K);
  });
});
