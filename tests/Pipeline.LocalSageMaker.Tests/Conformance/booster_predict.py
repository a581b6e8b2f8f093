"""Debian's XGBoost (/usr/bin/python3) on a model a job trained, as a SageMaker user opens one: what the model is and
Booster.predict of the rows of each CSV file given (features only, no header).
Usage: booster_predict.py <xgboost-model> <csv>... Prints one JSON object.
"""
import json
import sys

import numpy as np
import xgboost as xgb

booster = xgb.Booster()
booster.load_model(sys.argv[1])
objective = json.loads(booster.save_config())["learner"]["objective"]
print(json.dumps({
    "rounds": booster.num_boosted_rounds(),
    "trees": len(booster.get_dump()),
    "features": booster.num_features(),
    "objective": objective["name"],
    "tweedie_variance_power": float(objective.get("tweedie_regression_param", {}).get("tweedie_variance_power", "nan")),
    "predictions": [booster.predict(xgb.DMatrix(np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2))).tolist()
                    for path in sys.argv[2:]],
}))
