"""One host of LocalSageMaker's built-in XGBoost: reads the host's train (and validation) channel files, trains with
the job's other hosts through the Rabit tracker named by DMLC_TRACKER_URI/DMLC_TRACKER_PORT, logs each round's
metrics, and on algo-1 saves the model as model/xgboost-model (JSON). The hyperparameters were validated before this
started. A failure the user can fix is written to output/failure as "ClientError: ..."; anything else as
"AlgorithmError: ...".
"""
import ctypes
import json
import os
import sys


def cores_per_host():
    """The simulated hosts share this machine's cores: a host's share, at least one."""
    return max(1, (os.cpu_count() or 1) // len(json.loads(os.environ["SM_HOSTS"])))


# OpenMP's idle threads spin by default. With more hosts than cores, the spinning takes the cores from the other hosts
# while they exchange each round's sketches and histograms (a 15-host job on 2 cores trained ten times slower), so each
# host's OpenMP gets the host's share of the cores, as its nthread does. The OpenMP runtime reads this when XGBoost
# loads it: it is set before the imports.
os.environ["OMP_NUM_THREADS"] = str(cores_per_host())


def fail(reason):
    with open(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w", encoding="utf-8") as failure:
        failure.write(reason)
    sys.exit(1)


try:
    import numpy as np
    import scipy.sparse
    import xgboost as xgb
except ImportError as error:
    fail(f"ClientError: XGBoost is not installed for {sys.executable} ({error}): apt-get install python3-xgboost")

try:
    # pandas' C parser reads CSV many times faster than numpy.loadtxt; numpy alone still works without it.
    import pandas as pd
except ImportError:
    pd = None


class UserError(Exception):
    pass


# Read by the script itself, not passed to XGBoost as parameters.
NOT_PARAMETERS = {"num_round", "early_stopping_rounds", "csv_weights", "save_model_on_termination",
                  "_kfold", "_num_cv_round", "_tuning_objective_metric"}


def channel_files(folder):
    files = []
    if not os.path.isdir(folder):
        return files
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith("."))
    return files


def load_csv(path):
    if pd is None:
        return np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
    # round_trip: each number parsed exactly as numpy (and the container) would, then rounded once to float32.
    frame = pd.read_csv(path, header=None, dtype=np.float64, float_precision="round_trip", skip_blank_lines=True)
    return frame.to_numpy(dtype=np.float32)


def read_csv(files, name, weighted):
    blocks = []
    for path in files:
        if os.path.getsize(path) == 0:
            continue
        try:
            block = load_csv(path)
        except ValueError as error:
            raise UserError(f"Channel {name}: {os.path.basename(path)} is not CSV of numbers with the label first ({error})")
        blocks.append(block)
    if not blocks:
        return None
    widths = {b.shape[1] for b in blocks}
    if len(widths) > 1:
        raise UserError(f"Channel {name}: its CSV files have different numbers of columns ({sorted(widths)})")
    rows = np.vstack(blocks)
    first = 2 if weighted else 1
    if rows.shape[1] <= first:
        raise UserError(f"Channel {name}: CSV needs a label column{', a weight column' if weighted else ''} and at least one feature column")
    return dict(data=rows[:, first:], label=rows[:, 0], weight=rows[:, 1] if weighted else None)


def read_libsvm(files, name):
    labels, indptr, indices, values = [], [0], [], []
    for path in files:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                parts = line.split("#", 1)[0].split()
                if not parts:
                    continue
                try:
                    labels.append(float(parts[0].split(":")[0]))
                    for item in parts[1:]:
                        index, value = item.split(":")
                        indices.append(int(index))
                        values.append(float(value))
                except ValueError:
                    raise UserError(f"Channel {name}: line {number} of {os.path.basename(path)} is not LIBSVM (label index:value ...)")
                indptr.append(len(indices))
    if not labels:
        return None
    width = max(indices) + 1 if indices else 1
    matrix = scipy.sparse.csr_matrix((np.array(values, np.float32), np.array(indices), np.array(indptr)), shape=(len(labels), width))
    return dict(data=matrix, label=np.array(labels, np.float32))


def read_channel(name, content_type, weighted):
    folder = os.environ.get("SM_CHANNEL_" + name.upper())
    files = channel_files(folder) if folder and os.path.isdir(folder) else []
    kind = (content_type or "text/libsvm").split(";")[0].strip().lower()
    return read_csv(files, name, weighted) if kind in ("text/csv", "csv") else read_libsvm(files, name)


def openmp_threads():
    """The thread count of the OpenMP runtime XGBoost runs on (Debian's is built with libgomp), as the runtime says."""
    try:
        return ctypes.CDLL("libgomp.so.1").omp_get_max_threads()
    except (OSError, AttributeError):
        return "unknown"


class RoundLog(xgb.callback.TrainingCallback):
    """Prints every round's metrics on every host, as CloudWatch shows the container's lines: XGBoost separates them with
    tabs, which CloudWatch shows as #011, and this script's output is LocalSageMaker's CloudWatch stand-in."""

    def after_iteration(self, model, epoch, evals_log):
        parts = [f"[{epoch}]"]
        for data, metrics in evals_log.items():
            for metric, scores in metrics.items():
                parts.append(f"{data}-{metric}:{scores[-1]:.5f}")
        print("#011".join(parts), flush=True)
        return False


def main():
    config = os.environ["SM_INPUT_CONFIG_DIR"]
    with open(os.path.join(config, "hyperparameters.json"), encoding="utf-8") as f:
        hyperparameters = json.load(f)
    with open(os.path.join(config, "inputdataconfig.json"), encoding="utf-8") as f:
        channels = json.load(f)
    host = os.environ["SM_CURRENT_HOST"]
    hosts = json.loads(os.environ["SM_HOSTS"])

    params = {k: v for k, v in hyperparameters.items() if k not in NOT_PARAMETERS}
    params.setdefault("objective", "reg:squarederror")
    if "eval_metric" in params:
        params["eval_metric"] = params["eval_metric"].split(",")
    # The simulated hosts share this machine's cores.
    params.setdefault("nthread", str(cores_per_host()))

    if not any(os.path.getsize(f) > 0 for f in channel_files(os.environ.get("SM_CHANNEL_TRAIN", ""))):
        # As the container does, a host whose shard is empty leaves the training to the others (the tracker counts the
        # hosts with data by the same rule).
        print(f"{host}: no train data in its shard; not taking part in training", flush=True)
        return

    tracker = {
        "DMLC_TRACKER_URI": os.environ["DMLC_TRACKER_URI"],
        "DMLC_TRACKER_PORT": int(os.environ["DMLC_TRACKER_PORT"]),
        "DMLC_TASK_ID": f"{hosts.index(host):05d}",
    }
    # Read before joining the others: a host that cannot read its data fails alone, while the others still wait for it
    # at the tracker, so the job's failure is the data's and not a peer's lost connection.
    weighted = hyperparameters.get("csv_weights") == "1"
    train = read_channel("train", channels["train"].get("ContentType"), weighted)
    if train is None:
        raise UserError(f"Channel train has no rows on {host}")
    validation = None
    if "validation" in channels:
        validation = read_channel("validation", channels["validation"].get("ContentType"), weighted)

    with xgb.collective.CommunicatorContext(**tracker):
        train = xgb.DMatrix(**train)
        evals = [(train, "train")]
        if validation is not None:
            evals.append((xgb.DMatrix(**validation), "validation"))
        print(f"{host}: train has {train.num_row()} rows, {train.num_col()} features; {len(hosts)} hosts; "
              f"{os.cpu_count()} cores here, {openmp_threads()} OpenMP threads for this host", flush=True)
        early = hyperparameters.get("early_stopping_rounds")
        booster = xgb.train(params, train, num_boost_round=int(hyperparameters["num_round"]), evals=evals,
                            early_stopping_rounds=int(early) if early else None, verbose_eval=False,
                            callbacks=[RoundLog()])
        if host == hosts[0]:
            with open(os.path.join(os.environ["SM_MODEL_DIR"], "xgboost-model"), "wb") as model:
                model.write(booster.save_raw(raw_format="json"))


if __name__ == "__main__":
    try:
        main()
    except UserError as error:
        fail(f"ClientError: {error}")
    except xgb.core.XGBoostError as error:
        fail(f"AlgorithmError: {str(error).splitlines()[0] if str(error) else 'XGBoost failed'}")
