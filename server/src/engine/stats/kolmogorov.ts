/**
 * The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic
 * D_n = sup_t |F_n(t) − F(t)| for a sample of size n, ported from scipy 1.10
 * (`scipy/stats/_ksstats.py`, with `scipy.special.smirnov` for the one-sided tail).
 *
 * Which algorithm runs where follows Simard & L'Ecuyer (2011), "Computing the
 * two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11), exactly as
 * scipy's `_kolmogn` chooses: Ruben–Gambino closed forms at the ends of the range,
 * the Durbin matrix (Marsaglia, Tsang & Wang 2003) or the Pomeranz (1974) recursion
 * for small n·d², the Pelz–Good (1976) expansion for large n, and twice the
 * one-sided Smirnov tail for large n·d², where the two one-sided events no longer
 * overlap in practice.
 */

/** 2^128: the factor the matrix and recursion methods rescale by to avoid under/overflow. */
const SCALE = 2 ** 128;
const SCALE_EXPONENT = 128;
/** cephes' MINLOG, log(2^-1022): exp of anything smaller underflows. */
const MIN_LOG = -708.3964185322641;
/** scipy's `_MIN_LOG` in the Pelz–Good expansion. */
const PELZ_GOOD_MIN_LOG = -708;
/** Above this n, `scipy.special.smirnov` uses the asymptotic approximation instead of the sum. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
/** B_{2j} / (2j(2j−1)) for j = 8, …, 1: the Stirling series of log Γ, highest power first (exact fractions). */
const STIRLING_COEFFICIENTS = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

/**
 * P(D_n ≥ d), the survival function of the two-sided Kolmogorov–Smirnov statistic
 * for a sample of size n: `scipy.stats.kstwo.sf(d, n)` (scipy 1.10, `_kolmogn` with
 * cdf=False). n must be a positive integer; the result is clipped to [0, 1].
 */
export function kolmogorovSf(d: number, n: number): number {
  if (Number.isNaN(d) || !Number.isInteger(n) || n <= 0) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    // Ruben–Gambino: P(D_n < d) = n!/n^n · (2t − 1)^n for 1/(2n) ≤ d ≤ 1/n.
    if (t <= 0.5) return 1;
    const cdf = n <= 140 ? rubenGambinoProduct(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));

  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, d));
    if (nd2 <= 4) return clip(1 - pomeranzCdf(n, d));
    return clip(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf = n <= 100_000 && n * d ** 1.5 <= 1.4 ? durbinMatrixCdf(n, d) : pelzGoodCdf(n, d);
  return clip(1 - cdf);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** ∏_{i=1..n} (i/n)(2t − 1), multiplied in scipy's order. */
function rubenGambinoProduct(n: number, t: number): number {
  let product = 1;
  for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
  return product;
}

/** log(n!/n^n) by Stirling's series with n·log(n) removed up front (scipy's `_log_nfactorial_div_n_pow_n`). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let series = 0;
  for (const c of STIRLING_COEFFICIENTS) series = series * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * series;
}

/** x · 2^exponent without spurious overflow or underflow on the way. */
function scaleByPowerOfTwo(x: number, exponent: number): number {
  let e = exponent;
  let y = x;
  while (e > 1000) {
    y *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    y *= 2 ** -1000;
    e += 1000;
  }
  return y * 2 ** e;
}

/**
 * P(D_n < d) by Durbin's matrix method as Marsaglia, Tsang & Wang (2003) compute it:
 * the (k, k) entry of n!/n^n · H^n with k = ⌈nd⌉ (scipy's `_kolmogn_DMTW`).
 */
function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 − h^(j+1)) / (j+1)! except the last; w[j] = 1/j!.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tail = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tail) * factorial;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  const diagonal = (k - 1) * m + (k - 1);
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[diagonal]) > SCALE) {
      for (let i = 0; i < H.length; i++) H[i] /= SCALE;
      hExponent += SCALE_EXPONENT;
    }
  }

  let p = power[diagonal];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      exponent -= SCALE_EXPONENT;
    }
  }
  return clip(scaleByPowerOfTwo(p, exponent));
}

/** The product of two m×m row-major matrices. */
function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  }
  return out;
}

/** The ends [j1, j2] of the non-zero part of row i in Pomeranz's recursion (scipy's `_pomeranz_compute_j1j2`). */
function pomeranzRowEnds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(D_n < d) by Pomeranz's recursion (1974): each row is the previous one convolved
 * with Poisson-like weights; only two rows and their non-zero windows are kept
 * (scipy's `_kolmogn_Pomeranz`).
 */
function pomeranzCdf(n: number, d: number): number {
  const t = n * d;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m! and ((1−2g)/n)^m/m!
  const gPowers = new Float64Array(size);
  const twoGPowers = new Float64Array(size);
  const oneMinusTwoGPowers = new Float64Array(size);
  gPowers[0] = twoGPowers[0] = oneMinusTwoGPowers[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < size; m++) {
    gPowers[m] = (gPowers[m - 1] * gOverN) / m;
    twoGPowers[m] = (twoGPowers[m - 1] * twoGOverN) / m;
    oneMinusTwoGPowers[m] = (oneMinusTwoGPowers[m - 1] * oneMinusTwoGOverN) / m;
  }

  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1] = pomeranzRowEnds(0, n, ll, ceilf, roundf);
  let j2: number;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = pomeranzRowEnds(i, n, ll, ceilf, roundf);
    const weights = i === 1 || i === 2 * n + 1 ? gPowers : i % 2 ? twoGPowers : oneMinusTwoGPowers;
    const length = j2 - k1 + 1;
    if (length > 0) {
      // current[0 .. j2−j1] = (previous window ∗ weights)[j1−k1 .. j2−k1]
      const offset = k1 - previousStart;
      const skip = j1 - k1;
      let largest = 0;
      for (let out = 0; out <= j2 - j1; out++) {
        const lag = out + skip;
        let sum = 0;
        for (let a = 0; a <= lag; a++) sum += previous[offset + a] * weights[lag - a];
        current[out] = sum;
        largest = Math.max(largest, sum);
      }
      if (largest > 0 && largest < 1 / SCALE) {
        for (let out = 0; out <= j2 - j1; out++) current[out] *= SCALE;
        exponent -= SCALE_EXPONENT;
      }
      currentStart = previousStart + j1 - k1;
    }
  }

  // Multiply by n!.
  let answer = current[n - currentStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE) {
      answer /= SCALE;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return clip(scaleByPowerOfTwo(answer, exponent));
}

/**
 * P(D_n < d) by the Pelz–Good (1976) expansion of the Li-Chien / Korolyuk series,
 * K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 with z = d√n (scipy's `_kolmogn_PelzGood`).
 */
function pelzGoodCdf(n: number, d: number): number {
  const z = Math.sqrt(n) * d;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qLog = -(Math.PI ** 2) / 8 / z2;
  if (qLog < PELZ_GOOD_MIN_LOG) return 0;
  const pi2 = Math.PI ** 2;
  const pi4 = Math.PI ** 4;
  const pi6 = Math.PI ** 6;
  const sqrt2Pi = Math.sqrt(2 * Math.PI);

  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner in q^8 over the odd terms: Σ c_k q^((2k−1)^2).
  let q = Math.exp(qLog);
  const K = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qPower = q ** (8 * k);
    K[0] = K[0] * qPower + 1;
    K[1] = K[1] * qPower + (k1a + k1b * m2);
    K[2] = K[2] * qPower + (k2a + k2b * m2 + k2c * m4);
    K[3] = K[3] * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * sqrt2Pi) / divisors[i];

  // The sums over all integers k that K2 and K3 also carry.
  q = Math.exp(-pi2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kPi = Math.PI * k;
    k2Extra += k2 * qk;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qk;
  }
  K[2] += k2Extra * ((pi2 * sqrt2Pi) / (-36 * z3));
  K[3] += k3Extra * ((pi2 * sqrt2Pi) / (216 * z6));

  let cdf = 0;
  for (let i = 0; i < 4; i++) cdf += K[i] / n ** (i / 2);
  return cdf;
}

/**
 * P(D_n⁺ ≥ d), the one-sided Smirnov tail: `scipy.special.smirnov(n, d)`, by the
 * Birnbaum–Tingey (1951) sum d · Σ_{v=0}^{⌊n(1−d)⌋} C(n,v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v)
 * with cephes' stopping rule, for 1/n < d < 1 − 1/n: the range `kolmogorovSf` calls it
 * in, which leaves out cephes' closed forms for the ends. The terms are formed in
 * logarithms where scipy uses double-double arithmetic; that agrees with scipy to ~1e-11
 * relative for n up to 10^6.
 */
function smirnovSf(n: number, d: number): number {
  if (-2 * n * d * d < MIN_LOG) return 0;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // p ≈ exp(−(6nd + 1)² / 18n)
    const logP = -((6 * n * d + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }

  // v runs to ⌊n(1 − d)⌋, or one less when n(1 − d) is an integer, since that term is zero.
  const terms = n - Math.floor(n * d);
  const middle = Math.floor(n / 2);
  let sum = (1 - d) ** n / d;
  // log C(n, v), summed with Neumaier's compensation: it grows to ~n·log 2, where plain
  // summation would drift by ~1e-8 relative over 10^6 terms.
  let logBinomial = 0;
  let compensation = 0;
  for (let v = 1; v < terms; v++) {
    const step = Math.log((n - v + 1) / v);
    const next = logBinomial + step;
    compensation += Math.abs(logBinomial) >= Math.abs(step) ? logBinomial - next + step : step - next + logBinomial;
    logBinomial = next;
    const logTerm = logBinomial + compensation + (v - 1) * Math.log(d + v / n) + (n - v) * Math.log((n - v) / n - d);
    const term = Math.exp(logTerm);
    if (term !== 0) {
      sum += term;
      if (4 * (terms - v) * term < Number.EPSILON * sum && v !== terms - 1) break;
    } else if (v > middle) {
      break;
    }
  }
  return clip(d * sum);
}
