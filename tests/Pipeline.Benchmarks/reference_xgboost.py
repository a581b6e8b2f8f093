"""The reference for the endpoint benchmark with --algorithm xgboost: python3-xgboost scoring the same CSV body.

Usage: reference_xgboost.py <xgboost-model> <body.csv> <output folder>

Runs with Debian's python3-xgboost 1.7 and python3-pandas, on one thread (nthread=1 for each DMatrix and the
Booster, OMP_NUM_THREADS=1) and on the CPU the benchmark pinned itself to (the process inherits its sched_setaffinity
mask; what it holds is printed). The model is the same xgboost-model file the endpoint loads; the body is read into
memory once. A way of scoring is parse + DMatrix + Booster.predict of the whole body:
- pandas: pandas.read_csv(engine='c', header=None, dtype=float32) over the bytes, then a DMatrix of its values;
- numpy: numpy.loadtxt(delimiter=',', dtype=float32) over the bytes (numpy's C reader since 1.23), then a DMatrix;
- xgboost-csv: xgboost's own CSV reader, DMatrix('<body.csv>?format=csv'), from the file (in the page cache).

Each way scores the body once, untimed, and writes its predictions as float32 to <output folder>/<way>.f32; then one
JSON line says the ways are ready. After that, each line "<way> <seconds>" on stdin times that way, body after body,
for the seconds given, and is answered by one JSON line (bodies, rows, seconds): the benchmark alternates these
stretches with its own, so a busy machine slows both alike. End of input ends the script.
"""
import io
import json
import os
import sys
import time

os.environ['OMP_NUM_THREADS'] = '1'

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xgboost as xgb  # noqa: E402


def main():
    model_path, body_path, output = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(body_path, 'rb') as f:
        body = f.read()
    booster = xgb.Booster(params={'nthread': 1}, model_file=model_path)

    def matrix(values):
        return xgb.DMatrix(values, missing=np.nan, nthread=1)

    ways = {
        'pandas': lambda: matrix(pd.read_csv(io.BytesIO(body), header=None, dtype=np.float32, engine='c').to_numpy()),
        'numpy': lambda: matrix(np.loadtxt(io.BytesIO(body), delimiter=',', dtype=np.float32, ndmin=2)),
        'xgboost-csv': lambda: xgb.DMatrix(body_path + '?format=csv', nthread=1),
    }
    for name, parse in ways.items():
        booster.predict(parse()).astype(np.float32).tofile(os.path.join(output, name + '.f32'))
    answer({'ways': list(ways), 'cpus': sorted(os.sched_getaffinity(0)), 'xgboost': xgb.__version__,
            'pandas': pd.__version__, 'numpy': np.__version__})

    for line in sys.stdin:
        name, seconds = line.split()
        parse, seconds = ways[name], float(seconds)
        bodies, rows = 0, 0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            rows += len(booster.predict(parse()))
            bodies += 1
        answer({'bodies': bodies, 'rows': rows, 'seconds': time.perf_counter() - started})


def answer(value):
    print(json.dumps(value), flush=True)


if __name__ == '__main__':
    main()
