"""
A pair of files as a spreadsheet in much of Europe writes them: cells delimited by ';' and
numbers with a decimal comma (15,46). It recreates the pattern of a real case, a cell-nuclei
table exported that way, where `mean_radius` moved between the files: read with a decimal
point every number of it was text, the column was tested as categories, and it read
"no drift".

Deterministic (numpy, seed 16): `python3 test-fixtures/decimal-comma/generate.py`.
"""
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
rng = np.random.default_rng(16)


def write(name: str, rows: int, radius_mean: float) -> None:
    radius = rng.normal(radius_mean, 3.5, rows).round(2)
    texture = rng.normal(19.3, 4.3, rows).round(2)
    smoothness = rng.normal(0.096, 0.014, rows).round(4)
    diagnosis = rng.choice(["benign", "malignant"], rows, p=[0.63, 0.37])
    lines = ["id;mean_radius;mean_texture;mean_smoothness;diagnosis"]
    for i in range(rows):
        cells = [str(i + 1), f"{radius[i]:.2f}", f"{texture[i]:.2f}", f"{smoothness[i]:.4f}", diagnosis[i]]
        lines.append(";".join(cell.replace(".", ",") for cell in cells))
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


write("reference.csv", 400, 14.1)
write("current.csv", 300, 17.0)
