"""The reference for the linear-learner benchmark: scikit-learn's SGDRegressor fitting the same 32 settings.

Usage: reference_linear_learner.py <train.f32> <validation.f32> <feature count> <epochs> <settings.json>

Runs with Debian's python3-sklearn (apt-get install -y python3-sklearn). The .f32 files are float32 rows of
(label, features...), as the benchmark writes them beside the RecordIO objects linear learner reads. What it does:
- standardises the features and the label with the training set's mean and deviation (as linear learner's
  normalize_data and normalize_label do), outside the timing;
- fits one SGDRegressor per setting (squared error; learning rate eta0 with sklearn's default invscaling schedule;
  wd and l1 as an elastic net: alpha = wd + l1, l1_ratio = l1 / alpha), epochs passes over the rows in file order
  (shuffle=False, as linear learner reads them), no early stopping (tol=None);
- scores each on the validation rows (original label scale) and keeps the best, as linear learner does.

Prints one JSON object on stdout: the seconds spent in fit() over all settings, and per setting its seconds and
validation MSE.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDRegressor


def load(path, features):
    data = np.fromfile(path, dtype=np.float32).reshape(-1, features + 1)
    return data[:, 1:].astype(np.float64), data[:, 0].astype(np.float64)


def main():
    train_path, validation_path, features, epochs, settings_path = sys.argv[1:6]
    features, epochs = int(features), int(epochs)
    with open(settings_path) as f:
        settings = json.load(f)
    x, y = load(train_path, features)
    vx, vy = load(validation_path, features)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1
    label_mean, label_std = y.mean(), y.std() or 1.0
    x = (x - mean) / std
    vx = (vx - mean) / std
    y = (y - label_mean) / label_std

    fits = []
    total = 0.0
    warnings.simplefilter('ignore', ConvergenceWarning)
    for s in settings:
        alpha = s['wd'] + s['l1']
        model = SGDRegressor(loss='squared_error', penalty='elasticnet' if alpha > 0 else None,
                             alpha=alpha if alpha > 0 else 0.0001, l1_ratio=s['l1'] / alpha if alpha > 0 else 0.15,
                             learning_rate='invscaling', eta0=s['learningRate'], max_iter=epochs, tol=None,
                             shuffle=False, random_state=0)
        started = time.perf_counter()
        model.fit(x, y)
        seconds = time.perf_counter() - started
        total += seconds
        predictions = model.predict(vx) * label_std + label_mean
        mse = float(np.mean((predictions - vy) ** 2))
        fits.append({'learningRate': s['learningRate'], 'wd': s['wd'], 'l1': s['l1'], 'seconds': seconds,
                     'validationMse': mse if np.isfinite(mse) else None})

    print(json.dumps({'seconds': total, 'trainRows': int(x.shape[0]), 'validationRows': int(vx.shape[0]), 'fits': fits}))


if __name__ == '__main__':
    main()
