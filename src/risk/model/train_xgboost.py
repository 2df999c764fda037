"""Trains the gateway's risk model with XGBoost on a feature matrix the gateway computed.

Called by `swgate risk train` (src/risk/model/train.ts) as `python3 train_xgboost.py SPEC.json`.
SPEC names the matrix (float32, row-major, NaN for a missing value), the labels (one byte per
row, 1 for a discrepancy), the feature names, the parameters, and where to write the XGBoost
JSON model (with the feature names, which the gateway checks when it loads the model).
"""
import json
import sys

import numpy as np
import xgboost as xgb


def main(spec_path):
    with open(spec_path, encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    names = spec["features"]
    matrix = np.fromfile(spec["matrix"], dtype="<f4").reshape(spec["rows"], len(names))
    labels = np.fromfile(spec["labels"], dtype=np.uint8)
    training = xgb.DMatrix(matrix, label=labels, missing=np.nan, feature_names=names)
    parameters = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_depth": spec["depth"],
        "eta": spec["eta"],
        "min_child_weight": spec.get("minChildWeight", 1),
        "subsample": spec.get("subsample", 1),
        "colsample_bytree": spec.get("colsample", 1),
        "nthread": spec["threads"],
        "seed": spec.get("seed", 0),
    }
    booster = xgb.train(parameters, training, num_boost_round=spec["trees"])
    booster.save_model(spec["out"])


if __name__ == "__main__":
    main(sys.argv[1])
