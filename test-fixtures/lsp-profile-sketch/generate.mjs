/**
 * A reference profile that knows some columns only through its sketches, for the editor's
 * checks of methods a profile cannot run: `amount` has more distinct numbers than a profile
 * counts value by value (a KLL sketch), `merchant` (about 1,300 merchants over 3,000 rows) more distinct texts than its cap on
 * categories (heavy hitters), while `visits` (whole numbers 0–9) and `channel` (three
 * categories) are counted in full. The profile is made by the command line:
 *
 *   node test-fixtures/lsp-profile-sketch/generate.mjs
 *   node dist/cli.js profile test-fixtures/lsp-profile-sketch/reference.csv --out test-fixtures/lsp-profile-sketch/reference.profile.json
 *
 * Deterministic (mulberry32, seed 17).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHANNELS = ['web', 'store', 'phone'];

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(17);

function csv(rows) {
  const lines = ['amount,visits,channel,merchant'];
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(random() * 1e6) / 100;
    const visits = Math.floor(random() * 10);
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)];
    lines.push(`${amount},${visits},${channel},m${Math.floor(random() * 1500)}`);
  }
  return `${lines.join('\n')}\n`;
}

writeFileSync(path.join(HERE, 'reference.csv'), csv(3000));
writeFileSync(path.join(HERE, 'current.csv'), csv(200));
