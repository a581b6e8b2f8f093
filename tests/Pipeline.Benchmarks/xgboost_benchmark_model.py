"""Trains the model the endpoint benchmark hosts with --algorithm xgboost, with Debian's python3-xgboost 1.7.

Usage: xgboost_benchmark_model.py <model folder> <feature count> <train rows> <trees> <seed>

The rows are generated as the benchmark's request bodies are: column d of kind d % 5, an integer of 10 to 1999, a
value of -10 to 10 with two decimals, a latitude and a longitude with four decimals, a 0/1 flag. So the splits fall
where the scored rows lie. The label is a count, as in the M5 sales setting this follows: Poisson of exp(f), f a sum
of a smooth or stepped term per column and one interaction, most counts 0 to 3. The model is that setting's:
reg:tweedie (tweedie_variance_power 1.1), max_depth 5, eta 0.1, hist, one thread.

Writes <model folder>/xgboost-model (JSON, as SageMaker's XGBoost training saves it) and prints one JSON object:
the training seconds and the shape of the trees.
"""
import json
import os
import sys
import time

os.environ['OMP_NUM_THREADS'] = '1'

import numpy as np  # noqa: E402
import xgboost as xgb  # noqa: E402


def rows(random, count, features):
    x = np.empty((count, features), dtype=np.float64)
    for d in range(features):
        kind = d % 5
        if kind == 0:
            x[:, d] = random.randint(10, 2000, count)
        elif kind == 1:
            x[:, d] = np.round(random.uniform(-10, 10, count), 2)
        elif kind == 2:
            x[:, d] = np.round(random.uniform(-90, 90, count), 4)
        elif kind == 3:
            x[:, d] = np.round(random.uniform(-180, 180, count), 4)
        else:
            x[:, d] = random.randint(0, 2, count)
    return x


def signal(x):
    features = x.shape[1]
    f = np.zeros(x.shape[0])
    for d in range(features):
        kind, weight = d % 5, 1.0 / (1 + d // 5)
        if kind == 0:
            f += weight * 0.6 * np.sin(x[:, d] / 300 + d)
        elif kind == 1:
            f += weight * 0.06 * x[:, d]
        elif kind == 2:
            f += weight * 0.4 * (x[:, d] > 20 - 7 * d)
        elif kind == 3:
            f += weight * 0.3 * np.cos(x[:, d] / 60 + d)
        else:
            f += weight * 0.3 * (x[:, d] if d % 2 else -x[:, d])
    if features > 1:
        f += 0.03 * x[:, 1] * np.sign(x[:, 0] - 1000)
    return f


def main():
    folder, features, count, trees, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    random = np.random.RandomState(seed)
    x = rows(random, count, features)
    y = random.poisson(np.exp(signal(x) - 0.3)).astype(np.float64)
    params = {'objective': 'reg:tweedie', 'tweedie_variance_power': 1.1, 'max_depth': 5, 'eta': 0.1,
              'tree_method': 'hist', 'nthread': 1, 'seed': seed}
    started = time.perf_counter()
    booster = xgb.train(params, xgb.DMatrix(x, label=y, nthread=1), num_boost_round=trees)
    seconds = time.perf_counter() - started
    raw = booster.save_raw(raw_format='json')
    with open(os.path.join(folder, 'xgboost-model'), 'wb') as f:
        f.write(raw)

    model = json.loads(raw)['learner']['gradient_booster']['model']['trees']
    leaves = [sum(1 for c in t['left_children'] if c < 0) for t in model]
    print(json.dumps({'seconds': seconds, 'rows': count, 'trees': len(model), 'leaves': sum(leaves),
                      'fullTrees': sum(1 for n in leaves if n == 32), 'zeroLabels': float(np.mean(y == 0)),
                      'meanLabel': float(np.mean(y)), 'xgboost': xgb.__version__, 'params': params}))


if __name__ == '__main__':
    main()
