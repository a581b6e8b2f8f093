"""LocalSageMaker's Rabit tracker for one XGBoost training job: prints the workers' tracker settings as one JSON line,
then serves until every worker has finished. Exit code 3 (with {"missing": ...}) when xgboost cannot be imported."""
import json
import sys

try:
    from xgboost.tracker import RabitTracker
except ImportError as error:
    print(json.dumps({"missing": str(error)}), flush=True)
    sys.exit(3)

workers = int(sys.argv[1])
# Ranks follow DMLC_TASK_ID (the host's zero-padded index), so algo-1 is rank 0 as SageMaker's master host is.
tracker = RabitTracker(host_ip="127.0.0.1", n_workers=workers, sortby="task")
tracker.start(workers)
print(json.dumps(tracker.worker_envs()), flush=True)
tracker.join()
