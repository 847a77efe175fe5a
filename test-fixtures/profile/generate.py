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
- HyperLogLog (Flajolet et al. 2007) over MurmurHash3 x86_32 (Appleby; seed 0), 2^12
  registers: the hashes of a few byte strings and each sketched column's estimate.

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
PRECISION = 12

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
        "hyperLogLog": {
            name: hyperloglog(sorted(set(c for c in columns[name] if c != ""))) for name in ["row_id", "merchant", "token"]
        },
    }
    with open(os.path.join(HERE, "golden.json"), "w") as out:
        json.dump(golden, out, indent=1, ensure_ascii=False)
        out.write("\n")


main()
