#!/usr/bin/env python3
"""Writes small CSV pairs that recreate column patterns seen on real data, where the drift
tests used to misread a column (columns that identify rows, columns without values, a number
column turned to text by one cell, a typo in columns.exclude). The real files are not
redistributable; each pair below reproduces the pattern described, at a small size.

Deterministic (fixed seed); standard library only (no reference implementation: the expected
figures are counts that follow from the construction).
Run from anywhere: python3 test-fixtures/columns/generate.py (the *.drift.yaml configs beside the
CSVs are written by hand).

identifiers-*.csv (1,200 rows each, more than the 1,000 from which auto tests categories by
Jensen–Shannon distance, which calls disjoint categories drifted; nothing but the identifiers
changes between the files):
- iata: a three-letter airport code per row, as in a table of airports (every row distinct)
- row_id: a counter, 1..1200 in reference and 1201..2400 in current
- user_id: a user code per row (`U` and six digits), new users in current
- account_id: a distinct whole number per row, shuffled; newer accounts (larger numbers) in current
- title: a movie title per row, twelve repeated (1,188 distinct of 1,200)
- review: a sentence of free text, 70% distinct, at least 20 characters long
- age, plan: ordinary features with the same distribution in both files
- visits: a count, 0..9, with the same distribution in both files

all-missing-*.csv (200 rows each): ten features f1..f10, f1..f5 shifted by two standard
deviations in current and f6..f10 the same values reshuffled, plus `comment`, empty in both
files: 5 of the 10 features drift (50%), which a share that counts `comment` makes 5 of 11.

missing-in-current-*.csv (100 rows each): `score` has values in reference and none in current;
`age` is the same in both.

text-cell-*.csv (100 rows each): `amount` holds numbers, but reference line 17 holds the text
`n.a.` (not a missing-value token), which makes the column text; `age` holds numbers.
"""
import csv
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(15)

ADJECTIVES = ["Silent", "Broken", "Golden", "Last", "Hidden", "Lost", "Dark", "Bright", "Wild", "Frozen",
              "Crimson", "Endless", "Secret", "Burning", "Distant", "Hollow", "Iron", "Little", "Northern", "Quiet"]
NOUNS = ["River", "Empire", "Garden", "Horizon", "Kingdom", "Letter", "Mirror", "Ocean", "Promise", "Road",
         "Season", "Shadow", "Signal", "Storm", "Summer", "Tower", "Valley", "Voyage", "Window", "Winter"]
REVIEW_WORDS = ["great", "service", "slow", "delivery", "friendly", "staff", "would", "order", "again", "price",
                "too", "high", "fresh", "food", "late", "arrived", "cold", "perfect", "portion", "small"]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def codes(count):
    seen = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(string.ascii_uppercase) for _ in range(3)))
    # Sorted before the shuffle: a set's order changes from run to run (string hashing).
    shuffled = sorted(seen)
    rng.shuffle(shuffled)
    return shuffled


def titles(count, first_year):
    made = rng.sample([f"The {a} {n} ({y})" for a in ADJECTIVES for n in NOUNS for y in range(first_year, first_year + 10)], count - 12)
    return made + made[:12]


def review():
    return " ".join(rng.choice(REVIEW_WORDS) for _ in range(rng.randint(4, 7))).capitalize() + "."


def identifiers():
    n = 1200
    header = ["iata", "row_id", "user_id", "account_id", "title", "review", "age", "plan", "visits"]
    ages = [rng.randint(18, 80) for _ in range(n)]
    plans = [rng.choice(["basic", "plus", "pro"]) for _ in range(n)]
    visits = [rng.randint(0, 9) for _ in range(n)]
    airports = codes(2 * n)
    users = rng.sample(range(1_000_000), 2 * n)
    accounts = sorted(rng.sample(range(10_000, 100_000), 2 * n))
    distinct_reviews = set()
    while len(distinct_reviews) < 840:
        distinct_reviews.add(review())
    reviews = sorted(distinct_reviews)
    for side, offset in (("reference", 0), ("current", n)):
        order = list(range(n))
        rng.shuffle(order)
        movie = titles(n, 1980 + offset // 40)
        mine = accounts[offset : offset + n]
        rng.shuffle(mine)
        rows = [
            [
                airports[offset + i],
                offset + i + 1,
                f"U{users[offset + i]:06d}",
                mine[i],
                movie[i],
                reviews[i] if i < 840 else rng.choice(reviews),
                ages[order[i]],
                plans[order[i]],
                visits[order[i]],
            ]
            for i in range(n)
        ]
        write(f"identifiers-{side}.csv", header, rows)


def all_missing():
    features = [f"f{i}" for i in range(1, 11)]
    reference = [[rng.gauss(0, 1) for _ in range(200)] for _ in features]
    current = []
    for i, values in enumerate(reference):
        if i < 5:
            current.append([rng.gauss(2, 1) for _ in range(200)])
        else:
            current.append(rng.sample(values, len(values)))
    for side, columns in (("reference", reference), ("current", current)):
        rows = [[f"{column[r]:.4f}" for column in columns] + [""] for r in range(200)]
        write(f"all-missing-{side}.csv", features + ["comment"], rows)


def missing_in_current():
    # Ages with decimals, so that no two current rows (age and an empty score) are duplicates.
    ages = [f"{rng.uniform(18, 80):.2f}" for _ in range(100)]
    write("missing-in-current-reference.csv", ["age", "score"], [[a, f"{rng.uniform(0, 1):.3f}"] for a in ages])
    write("missing-in-current-current.csv", ["age", "score"], [[a, ""] for a in rng.sample(ages, len(ages))])


def text_cell():
    def amounts():
        return [f"{rng.uniform(10, 500):.2f}" for _ in range(100)]

    reference = amounts()
    reference[15] = "n.a."  # data row 16: file line 17
    ages = [rng.randint(18, 80) for _ in range(100)]
    write("text-cell-reference.csv", ["amount", "age"], list(zip(reference, ages)))
    write("text-cell-current.csv", ["amount", "age"], list(zip(amounts(), rng.sample(ages, len(ages)))))


identifiers()
all_missing()
missing_in_current()
text_cell()
