#!/usr/bin/env python3
"""Golden values for the model-performance metrics in server/src/performance
(classification.ts, regression.ts).

Needs Debian's scikit-learn 1.2.1 and numpy 1.24 (apt install python3-sklearn); run it with
the system interpreter, which has them, from the repository root:

    /usr/bin/python3 test-fixtures/golden/performance.py

It writes the input CSV files to test-fixtures/performance/ and performance.json next to
itself. The TypeScript tests read the CSV files with the project's own reader, so label
spelling ('1.0', 'TRUE', ' no'), missing-value tokens and number parsing are part of what
is tested. The numpy seed is fixed, so rerunning reproduces every file byte for byte.

The labels given to sklearn are the normalized ones (labels.ts normalizeLabel): numbers by
value, true/false/yes/no lower case, other text trimmed. Only rows with both truth and
prediction present are used.

Reference implementations (sklearn.metrics, scikit-learn 1.2.1):
  accuracy             accuracy_score(y_true, y_pred)
  precision/recall/f1  precision_score / recall_score / f1_score, zero_division=0, with
                       average='binary', pos_label=<positive label> for two labels, else
                       average='macro'; the weighted ones with average='weighted'
  perClass             precision_recall_fscore_support(labels=labels, average=None, zero_division=0)
  classes              the labels the averages are over: `labels`, or, for a file scored like
                       a reference (the "scored like the reference" cases), the reference's
                       labels: precision/recall/f1 then take labels=<reference labels>, with
                       average='binary' read as the positive class's own score
                       (average=None, picked) and average='macro'/'weighted' over those labels
                       only; accuracy and the confusion matrix still take every row and label
  confusionMatrix      confusion_matrix(y_true, y_pred, labels=labels)
  labels               sklearn.utils.multiclass.unique_labels(y_true, y_pred)
  rocAuc               roc_auc_score(y_true == positive, probability)  } rows with a
  logLoss              log_loss(y_true == positive, probability)       } probability
  rocCurve             roc_curve(y_true == positive, probability, drop_intermediate=False):
                       its fpr and tpr, on the same rows; (0, 0) first (threshold inf), then
                       one point per distinct probability from the highest down
  mae                  mean_absolute_error
  rmse                 sqrt(mean_squared_error)
  r2                   r2_score
  mape                 mean_absolute_percentage_error on the rows whose target is not 0
  meanError            numpy.mean(y_pred - y_true)
"""
import csv
import json
import pathlib

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.utils.multiclass import unique_labels

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent / "performance"
rng = np.random.default_rng(20240917)


def write_csv(name, header, rows):
    """Writes the cells exactly as given (strings), so each fixture controls its spellings."""
    FIXTURES.mkdir(exist_ok=True)
    with open(FIXTURES / name, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def missing_mask(n, share):
    return rng.random(n) < share


def probability_text(p, missing):
    return "" if missing else f"{p:.2f}"


def rounded_probabilities(scores):
    """Probabilities rounded to 2 decimals: many ties, within and across the classes, and
    some exactly 0 and 1 to exercise log_loss's clipping."""
    return np.round(np.clip(scores, 0, 1), 2)


# --- classification --------------------------------------------------------------


def classification_expected(y_true, y_pred, positive=None, probability=None):
    """sklearn's values on the used rows. `y_true`, `y_pred` are the normalized labels of
    those rows; `probability` (NaN = missing) is aligned with them."""
    labels = unique_labels(y_true, y_pred)
    binary = len(labels) <= 2
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    expected = {
        "rows": int(len(y_true)),
        "labels": [str(label) for label in labels],
        "positiveLabel": str(positive) if binary else None,
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "confusionMatrix": metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        "perClass": [
            {"label": str(label), "precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, label in enumerate(labels)
        ],
    }
    average = {"average": "binary", "pos_label": positive} if binary else {"average": "macro"}
    expected["precision"] = metrics.precision_score(y_true, y_pred, zero_division=0, **average)
    expected["recall"] = metrics.recall_score(y_true, y_pred, zero_division=0, **average)
    expected["f1"] = metrics.f1_score(y_true, y_pred, zero_division=0, **average)
    for name, score in [("precision", metrics.precision_score), ("recall", metrics.recall_score), ("f1", metrics.f1_score)]:
        expected[name + "Weighted"] = None if binary else score(y_true, y_pred, average="weighted", zero_division=0)
    if binary and probability is not None:
        present = ~np.isnan(probability)
        is_positive = y_true[present] == positive
        expected["rocAuc"] = metrics.roc_auc_score(is_positive, probability[present])
        expected["logLoss"] = metrics.log_loss(is_positive, probability[present])
        fpr, tpr, _ = metrics.roc_curve(is_positive, probability[present], drop_intermediate=False)
        expected["rocCurve"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist()}
        expected["probabilityRowsSkipped"] = int((~present).sum())
    else:
        expected["rocAuc"] = None
        expected["logLoss"] = None
        expected["rocCurve"] = None
        expected["probabilityRowsSkipped"] = 0
    return {key: float(value) if isinstance(value, np.floating) else value for key, value in expected.items()}


def used(truth_missing, prediction_missing):
    return ~truth_missing & ~prediction_missing


def binary_01():
    """0/1 labels, the prediction partly written '1.0'/'0.0', 'NA' and empty cells."""
    n = 320
    truth = (rng.random(n) < 0.4).astype(int)
    probability = rounded_probabilities(0.3 + 0.35 * truth + rng.normal(0, 0.22, n))
    prediction = np.where(rng.random(n) < 0.9, (probability >= 0.5).astype(int), 1 - truth)
    truth_missing, prediction_missing, probability_missing = (missing_mask(n, s) for s in (0.04, 0.04, 0.06))
    long_form = rng.random(n) < 0.3
    rows = [
        [
            "NA" if truth_missing[i] else str(truth[i]),
            "" if prediction_missing[i] else (f"{prediction[i]}.0" if long_form[i] else str(prediction[i])),
            probability_text(probability[i], probability_missing[i]),
        ]
        for i in range(n)
    ]
    write_csv("binary_01.csv", ["target", "prediction", "probability"], rows)
    keep = used(truth_missing, prediction_missing)
    prob = np.where(probability_missing, np.nan, probability)[keep]
    return [
        case("binary 0/1 with ties and missing values", "binary_01.csv", None, keep, truth[keep], prediction[keep], 1, prob),
        case("binary 0/1, positive class configured as 0", "binary_01.csv", "0", keep, truth[keep], prediction[keep], 0, prob),
    ]


def binary_words(file, name, words, spellings, configured_cases):
    """Two word labels written in several letter cases (and with spaces), probability of
    words[1]. `spellings[word]` lists how the file may write it."""
    n = 300
    truth = (rng.random(n) < 0.55).astype(int)
    probability = rounded_probabilities(0.25 + 0.4 * truth + rng.normal(0, 0.25, n))
    prediction = np.where(rng.random(n) < 0.85, (probability >= 0.5).astype(int), truth)
    truth_missing, prediction_missing, probability_missing = (missing_mask(n, s) for s in (0.03, 0.05, 0.05))

    def spell(k):
        options = spellings[words[k]]
        return options[rng.integers(len(options))]

    rows = [
        [
            "N/A" if truth_missing[i] else spell(truth[i]),
            "null" if prediction_missing[i] else spell(prediction[i]),
            probability_text(probability[i], probability_missing[i]),
        ]
        for i in range(n)
    ]
    write_csv(file, ["target", "prediction", "probability"], rows)
    keep = used(truth_missing, prediction_missing)
    labels = np.array(words, dtype=object)
    prob = np.where(probability_missing, np.nan, probability)[keep]
    return [
        case(f"{name}{suffix}", file, configured, keep, labels[truth[keep]], labels[prediction[keep]], positive, prob)
        for suffix, configured, positive in configured_cases
    ]


def multiclass_strings():
    """Text classes, case kept ('Fish'); 'bird' is never predicted and 'mouse' never true,
    so precision and recall each divide by zero once (zero_division=0)."""
    n = 350
    truth_classes = np.array(["cat", "dog", "bird", "Fish"], dtype=object)
    truth = truth_classes[rng.choice(4, n, p=[0.35, 0.3, 0.15, 0.2])]
    others = np.array(["cat", "dog", "Fish", "mouse"], dtype=object)
    prediction = np.where(rng.random(n) < 0.6, truth, others[rng.integers(0, 4, n)])
    prediction = np.where(prediction == "bird", "cat", prediction)
    truth_missing, prediction_missing = missing_mask(n, 0.05), missing_mask(n, 0.03)
    padded = rng.random(n) < 0.2
    rows = [
        [
            "" if truth_missing[i] else (f" {truth[i]} " if padded[i] else truth[i]),
            "NA" if prediction_missing[i] else prediction[i],
        ]
        for i in range(n)
    ]
    write_csv("multiclass_strings.csv", ["target", "prediction"], rows)
    keep = used(truth_missing, prediction_missing)
    return [case("multiclass text, a class never predicted", "multiclass_strings.csv", None, keep, truth[keep], prediction[keep], None, None)]


def multiclass_numbers():
    """Classes 1-12, which sort numerically (2 before 10), not as text."""
    n = 400
    truth = rng.integers(1, 13, n)
    prediction = np.where(rng.random(n) < 0.5, truth, np.clip(truth + rng.integers(-2, 3, n), 1, 12))
    truth_missing = missing_mask(n, 0.04)
    rows = [["" if truth_missing[i] else str(truth[i]), str(prediction[i])] for i in range(n)]
    write_csv("multiclass_numbers.csv", ["target", "prediction"], rows)
    keep = ~truth_missing
    return [case("multiclass numbers 1-12", "multiclass_numbers.csv", None, keep, truth[keep], prediction[keep], None, None)]


def case(name, file, configured, keep, y_true, y_pred, positive, probability):
    expected = classification_expected(y_true, y_pred, positive, probability)
    expected["skippedRows"] = int((~keep).sum())
    return {"name": name, "file": file, "positiveClass": configured, "expected": expected}


# Their own stream, so that adding them left every other case's inputs as they were.
like_rng = np.random.default_rng(20261203)


def scored_like_reference(y_true, y_pred, classes, positive=None, probability=None):
    """sklearn's values for a file whose averages are over the reference's `classes`
    (labels=classes), while the file itself holds more labels: a class new in the current
    file. With two reference classes the scores are the positive class's own, as
    average='binary' gives them on the reference (sklearn refuses average='binary' once a
    third label occurs, so the per-class score is picked from average=None)."""
    expected = classification_expected(y_true, y_pred, None, None)
    classes = np.array(classes, dtype=object if isinstance(classes[0], str) else None)
    binary = len(classes) <= 2
    expected["classes"] = [str(c) for c in classes]
    expected["positiveLabel"] = str(positive) if binary else None
    for name, score in [("precision", metrics.precision_score), ("recall", metrics.recall_score), ("f1", metrics.f1_score)]:
        if binary:
            per_class = score(y_true, y_pred, labels=classes, average=None, zero_division=0)
            expected[name] = float(per_class[list(classes).index(positive)])
            expected[name + "Weighted"] = None
        else:
            expected[name] = score(y_true, y_pred, labels=classes, average="macro", zero_division=0)
            expected[name + "Weighted"] = score(y_true, y_pred, labels=classes, average="weighted", zero_division=0)
    if binary and probability is not None:
        is_positive = y_true == positive
        expected["rocAuc"] = metrics.roc_auc_score(is_positive, probability)
        expected["logLoss"] = metrics.log_loss(is_positive, probability)
        fpr, tpr, _ = metrics.roc_curve(is_positive, probability, drop_intermediate=False)
        expected["rocCurve"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist()}
    return {key: float(value) if isinstance(value, np.floating) else value for key, value in expected.items()}


def new_class_binary():
    """A binary 0/1 reference; the current file's target gains a class 2 on about 8% of
    its rows, which the model (trained on 0/1) predicts as 0 or 1. The pattern seen on
    real data: precision 0.99 on the reference, macro-averaged over 3 classes on current."""
    n = 400
    truth = (like_rng.random(n) < 0.45).astype(int)
    truth[like_rng.random(n) < 0.08] = 2
    probability = rounded_probabilities(np.where(truth == 1, 0.8, np.where(truth == 2, 0.45, 0.2)) + like_rng.normal(0, 0.15, n))
    prediction = (probability >= 0.5).astype(int)
    rows = [[str(truth[i]), str(prediction[i]), f"{probability[i]:.2f}"] for i in range(n)]
    write_csv("new_class_current.csv", ["target", "prediction", "probability"], rows)
    expected = scored_like_reference(truth, prediction, [0, 1], 1, probability)
    expected["skippedRows"] = 0
    return [{"name": "binary reference, a third class in the current file", "file": "new_class_current.csv",
             "positiveClass": None, "classes": ["0", "1"], "expected": expected}]


def new_class_multiclass():
    """Reference classes a, b, c; the current file has a fourth class 'd' and no 'c'."""
    n = 360
    truth = np.array(["a", "b", "d"], dtype=object)[like_rng.choice(3, n, p=[0.5, 0.4, 0.1])]
    prediction = np.where(like_rng.random(n) < 0.75, truth, np.array(["a", "b", "c"], dtype=object)[like_rng.integers(0, 3, n)])
    prediction = np.where(prediction == "d", "a", prediction)
    rows = [[truth[i], prediction[i]] for i in range(n)]
    write_csv("new_class_multiclass.csv", ["target", "prediction"], rows)
    expected = scored_like_reference(truth, prediction, ["a", "b", "c"])
    expected["skippedRows"] = 0
    return [{"name": "multiclass reference, a class new and one gone in the current file",
             "file": "new_class_multiclass.csv", "positiveClass": None, "classes": ["a", "b", "c"], "expected": expected}]


# --- regression ------------------------------------------------------------------


def regression():
    """A price-like target with some zeros (left out of MAPE) and missing cells on both sides."""
    n = 360
    truth = np.round(rng.lognormal(3, 0.8, n), 2)
    truth[rng.random(n) < 0.08] = 0.0
    prediction = np.round(truth * rng.normal(1.05, 0.15, n) + rng.normal(0, 3, n), 3)
    truth_missing, prediction_missing = missing_mask(n, 0.05), missing_mask(n, 0.05)
    rows = [
        ["NaN" if truth_missing[i] else repr(float(truth[i])), "" if prediction_missing[i] else repr(float(prediction[i]))]
        for i in range(n)
    ]
    write_csv("regression.csv", ["target", "prediction"], rows)
    keep = used(truth_missing, prediction_missing)
    t, p = truth[keep], prediction[keep]
    nonzero = t != 0
    expected = {
        "rows": int(keep.sum()),
        "skippedRows": int((~keep).sum()),
        "mae": metrics.mean_absolute_error(t, p),
        "rmse": np.sqrt(metrics.mean_squared_error(t, p)),
        "r2": metrics.r2_score(t, p),
        "mape": metrics.mean_absolute_percentage_error(t[nonzero], p[nonzero]),
        "mapeZeroTargetsSkipped": int((~nonzero).sum()),
        "meanError": np.mean(p - t),
    }
    return [{"name": "regression with zero targets and missing values", "file": "regression.csv",
             "expected": {key: float(value) if isinstance(value, np.floating) else value for key, value in expected.items()}}]


classification_cases = (
    binary_01()
    + binary_words(
        "binary_yes_no.csv", "binary yes/no", ["no", "yes"],
        {"no": ["no", "No", " no"], "yes": ["yes", "Yes", "YES"]},
        [("", None, "yes")],
    )
    + binary_words(
        "binary_true_false.csv", "binary true/false", ["false", "true"],
        {"false": ["false", "False", "FALSE"], "true": ["true", "True", "TRUE"]},
        [("", None, "true"), (", positive class configured as FALSE", "FALSE", "false")],
    )
    + multiclass_strings()
    + multiclass_numbers()
    + new_class_binary()
    + new_class_multiclass()
)

golden = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "classification": classification_cases,
    "regression": regression(),
}
(HERE / "performance.json").write_text(json.dumps(golden, indent=1) + "\n")
