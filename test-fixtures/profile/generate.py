"""Golden values for reference profiles (server/src/engine/profile/, stats/heavyHitters.ts,
stats/hyperLogLog.ts), from numpy (the exact parts) and from the published algorithms written
here in Python (the sketches):

- data.csv: 8,000 seeded rows: a row counter, money amounts (KLL beyond the cap), small
  counts with zeros (exact), scores with missing values, a plan (exact categories), skewed
  merchant ids and random tokens (beyond the cap: heavy hitters and HyperLogLog), and a
  column of numbers with a text among them.
- golden.json, per column, what numpy says of the whole file: the numbers' count, mean,
  Σ(x − mean)², min, max, zeros, whether all are whole, value counts while at most
  EXACT_NUMBERS distinct; the texts' counts; the distinct values.
- heavy hitters: Misra–Gries summaries of MG_CAPACITY counters of each quarter of the rows,
  made from the quarter's exact counts (the largest kept exactly, the largest left out as the
  error), merged in order as Agarwal et al. ("Mergeable summaries", PODS 2012) merge them.
- HyperLogLog (Flajolet et al. 2007) over MurmurHash3 x86_32 (Appleby; seed 0), 2^14
  registers: the hashes of a few byte strings and each sketched column's estimate.
- KLL (Karnin, Lang & Liberty 2016) as kll.ts keeps it (DataSketches' level capacities, a
  compaction of the lowest full level from a first item drawn by mulberry32) and merges it
  (levels put together, then compacted): the sketch of each quarter of `amount` at k = 64,
  merged in order, as items, weights and the stated rank error.

Run from the repository root with Debian's interpreter (numpy 1.24):
    /usr/bin/python3 test-fixtures/profile/generate.py
"""
import json
import math
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 8000
EXACT_NUMBERS = 1000
MG_CAPACITY = 50
PRECISION = 14

rng = np.random.default_rng(17)


def rows():
    merchant_pool = 3000
    tokens = ["t%08x" % t for t in rng.integers(0, 2**32, size=6000)]
    out = []
    for i in range(ROWS):
        amount = round(float(np.exp(4 + 0.8 * rng.standard_normal())), 2)
        visits = int(rng.poisson(1.5))
        score = "" if rng.random() < 0.02 else "%.3f" % (50 + 10 * rng.standard_normal())
        plan = ["basic", "plus", "pro", "team"][int(rng.choice(4, p=[0.5, 0.3, 0.15, 0.05]))]
        u = rng.random()
        merchant = "m%05d" % int(merchant_pool * u * u)
        token = tokens[int(rng.integers(0, len(tokens)))]
        mixed = "unknown" if rng.random() < 0.05 else str(int(rng.integers(0, 40)))
        out.append([str(i + 1), "%.2f" % amount, str(visits), score, plan, merchant, token, mixed])
    return out


HEADER = ["row_id", "amount", "visits", "score", "plan", "merchant", "token", "mixed"]


def as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def column_answers(cells):
    present = [c for c in cells if c != ""]
    numbers = np.array([v for v in (as_number(c) for c in present) if v is not None])
    texts = [c for c in present if as_number(c) is None]
    answer = {"missing": len(cells) - len(present), "nonNumeric": len(texts), "count": int(numbers.size)}
    if numbers.size:
        mean = float(np.mean(numbers))
        answer.update(
            mean=mean,
            m2=float(np.sum((numbers - mean) ** 2)),
            min=float(numbers.min()),
            max=float(numbers.max()),
            zeros=int(np.sum(numbers == 0)),
            wholeNumbers=bool(np.all(numbers == np.trunc(numbers))),
        )
    values, counts = np.unique(numbers, return_counts=True)
    if values.size <= EXACT_NUMBERS:
        answer["counts"] = [[float(v), int(c)] for v, c in zip(values, counts)]
    text_values, text_counts = np.unique(np.array(texts, dtype=object), return_counts=True) if texts else ([], [])
    if len(text_values) <= EXACT_NUMBERS:
        answer["texts"] = {str(t): int(c) for t, c in zip(text_values, text_counts)}
    answer["distinct"] = int(values.size) + len(text_values)
    return answer


# Misra–Gries, mergeable (Agarwal et al. 2012).
def ordered(counts):
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def summary_of_counts(counts, capacity):
    entries = ordered(counts)
    left_out = entries[capacity][1] if len(entries) > capacity else 0
    return dict(entries[:capacity]), left_out


def merge_summaries(a, b, capacity):
    (ca, ea), (cb, eb) = a, b
    sums = dict(ca)
    for value, count in cb.items():
        sums[value] = sums.get(value, 0) + count
    entries = ordered(sums)
    taken = entries[capacity][1] if len(entries) > capacity else 0
    kept = {v: c - taken for v, c in entries[:capacity] if c - taken > 0}
    left_out = taken if taken > 0 else (entries[capacity][1] if len(entries) > capacity else 0)
    return kept, ea + eb + left_out


# MurmurHash3 x86_32 and HyperLogLog.
def murmur3(data, seed=0):
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed
    blocks = len(data) // 4 * 4
    for i in range(0, blocks, 4):
        k = int.from_bytes(data[i : i + 4], "little")
        k = (k * c1) & 0xFFFFFFFF
        k = ((k << 15) | (k >> 17)) & 0xFFFFFFFF
        k = (k * c2) & 0xFFFFFFFF
        h ^= k
        h = ((h << 13) | (h >> 19)) & 0xFFFFFFFF
        h = (h * 5 + 0xE6546B64) & 0xFFFFFFFF
    tail = data[blocks:]
    if tail:
        k = int.from_bytes(tail, "little")
        k = (k * c1) & 0xFFFFFFFF
        k = ((k << 15) | (k >> 17)) & 0xFFFFFFFF
        k = (k * c2) & 0xFFFFFFFF
        h ^= k
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


def value_bytes(text):
    number = as_number(text)
    if number is None:
        return text.encode("utf-8")
    return struct.pack("<d", 0.0 if number == 0 else number)


def hyperloglog(values):
    m = 1 << PRECISION
    registers = [0] * m
    for value in values:
        h = murmur3(value_bytes(value))
        index = h >> (32 - PRECISION)
        rest = (h << PRECISION) & 0xFFFFFFFF
        rank = 32 - PRECISION + 1 if rest == 0 else (32 - rest.bit_length()) + 1
        registers[index] = max(registers[index], rank)
    alpha = 0.7213 / (1 + 1.079 / m)
    raw = alpha * m * m / sum(2.0**-r for r in registers)
    zeros = registers.count(0)
    if raw <= 2.5 * m and zeros > 0:
        estimate = m * math.log(m / zeros)
    elif raw > 2**32 / 30:
        estimate = -(2**32) * math.log(1 - raw / 2**32)
    else:
        estimate = raw
    return {"estimate": estimate, "registerSum": sum(registers), "zeroRegisters": zeros}


# mulberry32 (the seeded generator of kll.ts's coin flips) and KLL.
def mulberry32(seed):
    state = [seed & 0xFFFFFFFF]

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def next_uniform():
        state[0] = (state[0] + 0x6D2B79F5) & 0xFFFFFFFF
        t = state[0]
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_uniform


class Kll:
    def __init__(self, k, seed):
        self.k, self.random = k, mulberry32(seed)
        self.levels, self.squared_steps, self.count = [[]], 0, 0

    def capacities(self):
        top = len(self.levels) - 1
        return [max(8, math.ceil(self.k * (2 / 3) ** (top - h))) for h in range(len(self.levels))]

    def update(self, value):
        self.levels[0].append(value)
        self.count += 1
        self.compress()

    def merge(self, other):
        """As kll.ts merges a saved state: each of its levels sorted, after this sketch's items."""
        while len(self.levels) < len(other.levels):
            self.levels.append([])
        for h, items in enumerate(other.levels):
            self.levels[h].extend(sorted(items))
        self.count += other.count
        self.squared_steps += other.squared_steps
        self.compress()

    def compress(self):
        while sum(map(len, self.levels)) >= sum(self.capacities()):
            capacities = self.capacities()
            h = next(h for h, level in enumerate(self.levels) if len(level) >= capacities[h])
            if h + 1 == len(self.levels):
                self.levels.append([])
            level = self.levels[h]
            # An odd item out (the level's last, as it came) stays; the others are sorted and halved.
            paired = len(level) - len(level) % 2
            offset = 0 if self.random() < 0.5 else 1
            self.levels[h + 1].extend(sorted(level[:paired])[offset::2])
            self.levels[h] = level[paired:]
            self.squared_steps += 4**h

    def summary(self):
        items = sorted((value, 2**h) for h, level in enumerate(self.levels) for value in level)
        points = max(1, 2 * len(items))
        error = 0 if self.squared_steps == 0 else math.sqrt(2 * self.squared_steps * math.log(2 * points / 0.01))
        return {"values": [v for v, _ in items], "weights": [w for _, w in items], "rankError": error}


def kll_of_quarters(values, k):
    quarter = len(values) // 4
    parts = []
    for p in range(4):
        sketch = Kll(k, p + 1)
        for value in values[p * quarter : (p + 1) * quarter]:
            sketch.update(value)
        parts.append(sketch)
    merged = Kll(k, 1)
    merged.merge(parts[0])
    for part in parts[1:]:
        merged.merge(part)
    return merged.summary()


def main():
    data = rows()
    with open(os.path.join(HERE, "data.csv"), "w", newline="\n") as out:
        out.write(",".join(HEADER) + "\n")
        for row in data:
            out.write(",".join(row) + "\n")
    columns = {name: [row[i] for row in data] for i, name in enumerate(HEADER)}
    quarter = ROWS // 4
    heavy = {}
    for name in ["merchant", "token"]:
        parts = []
        for p in range(4):
            counts = {}
            for cell in columns[name][p * quarter : (p + 1) * quarter]:
                counts[cell] = counts.get(cell, 0) + 1
            parts.append(summary_of_counts(counts, MG_CAPACITY))
        merged = parts[0]
        for part in parts[1:]:
            merged = merge_summaries(merged, part, MG_CAPACITY)
        heavy[name] = {"counts": ordered(merged[0]), "error": merged[1]}
    golden = {
        "rows": ROWS,
        "exactNumbers": EXACT_NUMBERS,
        "heavyHittersCapacity": MG_CAPACITY,
        "columns": {name: column_answers(cells) for name, cells in columns.items()},
        "heavyHittersOfQuarters": heavy,
        "murmur3": {text: murmur3(text.encode("utf-8")) for text in ["", "a", "ab", "abc", "abcd", "hello", "Drift Monitor ✓"]},
        "kllOfQuarters": {"column": "amount", "k": 64, **kll_of_quarters([float(c) for c in columns["amount"]], 64)},
        "hyperLogLog": {
            name: hyperloglog(sorted(set(c for c in columns[name] if c != ""))) for name in ["row_id", "merchant", "token"]
        },
    }
    with open(os.path.join(HERE, "golden.json"), "w") as out:
        json.dump(golden, out, indent=1, ensure_ascii=False)
        out.write("\n")


main()
