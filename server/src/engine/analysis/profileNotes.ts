/**
 * What a reference profile means for the figures of a report (the reference is a profile: see
 * profile/profileTable.ts), and which configured methods it could not run.
 */
import type { DriftConfig } from '../config/model';
import type { ReferenceProfile } from '../profile/referenceProfile';
import type { FeatureDrift } from '../../protocol/report';
import { andList, formatCount } from '../../protocol/text';
import { RANK_TESTS } from './streamedDrift';

export function profileNotes(
  path: string,
  profile: ReferenceProfile,
  config: DriftConfig,
  features: FeatureDrift[],
): string[] {
  const sources = profile.sources.map((s) => `${s.path} (${formatCount(s.rows)} rows)`);
  const notes = [
    `The reference is a profile, ${path}, made by ${profile.createdBy} from ${andList(sources)}: ` +
      `counts, missing values, means, standard deviations, extremes, zeros and category counts (up to the profile's cap) are exact, and so is every test of a column whose values the profile kept in full; ` +
      `numbers beyond that come from its quantile sketch, and each statistic from a sketch states the bound it puts on the exact value (99% confidence; where the bound lies on both sides of the threshold the column is undecided, not drifted); ` +
      `the Mann–Whitney, Cramér–von Mises and Anderson–Darling tests need every value in order and are left out of those columns.`,
  ];
  const replaced = features.filter((f) => {
    const configured = config.drift.features[f.name]?.method ?? config.drift.method;
    // The rank tests apply to numbers only: on categories the auto rule decides, as against a file.
    return f.kind === 'numerical' && (RANK_TESTS as readonly string[]).includes(configured) && f.method !== configured;
  });
  if (replaced.length > 0)
    notes.push(
      `${andList(replaced.map((f) => `'${f.name}'`))}: the configured ${andList([...new Set(replaced.map((f) => config.drift.features[f.name]?.method ?? config.drift.method))])} cannot be computed from the reference profile (its sketch of ${replaced.length === 1 ? 'that column' : 'those columns'} compacted), so the auto rule decided instead (see each column's method reason); make the reference a data file to run it.`,
    );
  return notes;
}
