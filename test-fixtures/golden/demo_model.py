#!/usr/bin/env python3
"""Golden metrics for the model-monitoring demo (test-fixtures/demo-model), from scikit-learn.

  /usr/bin/python3 test-fixtures/golden/demo_model.py   (Debian python3-sklearn 1.2, pandas)

Writes demo_model.json: per file (reference, current, test) and model (v1, v2) the
binary metrics with positive class 1, as the engine's end-to-end test expects them.
"""
import json
import pathlib

import pandas as pd
from sklearn import metrics

HERE = pathlib.Path(__file__).parent
DEMO = HERE.parent / "demo-model"
out = {}
for name in ["reference", "current", "test"]:
    data = pd.read_csv(DEMO / f"{name}.csv")
    y = data["churned"]
    out[name] = {}
    for model in ["v1", "v2"]:
        predicted, probability = data[f"pred_{model}"], data[f"proba_{model}"]
        out[name][model] = {
            "accuracy": metrics.accuracy_score(y, predicted),
            "precision": metrics.precision_score(y, predicted, pos_label=1, zero_division=0),
            "recall": metrics.recall_score(y, predicted, pos_label=1, zero_division=0),
            "f1": metrics.f1_score(y, predicted, pos_label=1, zero_division=0),
            "rocAuc": metrics.roc_auc_score(y, probability),
            "logLoss": metrics.log_loss(y, probability),
        }
(HERE / "demo_model.json").write_text(json.dumps(out, indent=1) + "\n")
print("wrote demo_model.json")
