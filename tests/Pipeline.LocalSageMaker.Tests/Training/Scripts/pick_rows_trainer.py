"""A bring-your-own trainer as in 'Distributed training a DIY AWS SageMaker model': every host gets the whole data
set (FullyReplicated) and picks its own rows from resourceconfig.json. Its "model" is the rows it covered and their sum."""
import json
import os
import sys

opt_ml = os.environ["OPT_ML"]
with open(os.path.join(opt_ml, "input", "config", "resourceconfig.json")) as f:
    resourceconfig = json.load(f)

channel = os.environ["SM_CHANNEL_TRAIN"]
rows = []
for name in sorted(os.listdir(channel)):
    with open(os.path.join(channel, name)) as f:
        rows += [int(line) for line in f if line.strip()]

n_hosts = len(resourceconfig["hosts"])
current_host = resourceconfig["current_host"]
current_host_idx = resourceconfig["hosts"].index(current_host)
total_rows = len(rows)
start_row = round(current_host_idx * total_rows / n_hosts)
end_row = round((current_host_idx + 1) * total_rows / n_hosts)
mine = rows[start_row:end_row]

print(f"{current_host}: rows {start_row} to {end_row} of {total_rows}")
print(f"{current_host}: warming up", file=sys.stderr)
with open(os.path.join(os.environ["SM_MODEL_DIR"], f"rows-{current_host}.json"), "w") as f:
    json.dump({
        "host": current_host,
        "start": start_row,
        "end": end_row,
        "sum": sum(mine),
        "cwd_is_opt_ml": os.getcwd() == opt_ml,
        "hyperparameters": json.loads(os.environ["SM_HPS"]),
        "epochs": os.environ.get("SM_HP_EPOCHS"),
        "job": os.environ["TRAINING_JOB_NAME"],
        "hosts": json.loads(os.environ["SM_HOSTS"]),
    }, f)
