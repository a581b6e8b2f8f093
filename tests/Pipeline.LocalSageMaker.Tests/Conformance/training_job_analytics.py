"""What the SageMaker Python SDK's TrainingJobAnalytics does for a training job, with boto3 against LocalSageMaker,
once per protocol CloudWatch is served in (AWS JSON 1.0, which boto3 picks; smithy-rpc-v2-cbor, see cloudwatch_clients):

  DescribeTrainingJob -> the metric names of AlgorithmSpecification.MetricDefinitions -> the window TrainingStartTime ..
  TrainingEndTime + 1 minute -> per metric GetMetricStatistics(namespace /aws/sagemaker/TrainingJobs, dimension
  TrainingJobName, Period 60, Average) -> rows (seconds since the metric's first datapoint, metric name, Average).

Then the same window with Period=1 and every statistic (one datapoint per logged epoch), calls that find no metric,
ListMetrics, and calls CloudWatch refuses. Usage: training_job_analytics.py <job>. Prints one JSON object."""
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from cloudwatch_clients import cbor_client, json_client

NAMESPACE = "/aws/sagemaker/TrainingJobs"
job = sys.argv[1]
config = Config(retries={"max_attempts": 1, "mode": "standard"})
sagemaker = boto3.client("sagemaker", config=config)


def window():
    described = sagemaker.describe_training_job(TrainingJobName=job)
    start = described["TrainingStartTime"]
    end = described.get("TrainingEndTime", datetime.datetime.utcnow()) + datetime.timedelta(minutes=1)
    names = [d["Name"] for d in described["AlgorithmSpecification"]["MetricDefinitions"]]
    return start, end, names


def statistics(cloudwatch, name, start, end, period, stats, dimensions=None, namespace=NAMESPACE):
    return cloudwatch.get_metric_statistics(
        Namespace=namespace, MetricName=name,
        Dimensions=dimensions if dimensions is not None else [{"Name": "TrainingJobName", "Value": job}],
        StartTime=start, EndTime=end, Period=period, Statistics=stats)


def analytics(cloudwatch):
    """TrainingJobAnalytics(job).dataframe() as rows: [seconds since the first datapoint, metric, value]."""
    start, end, names = window()
    rows = []
    for name in names:
        points = statistics(cloudwatch, name, start, end, 60, ["Average"])["Datapoints"]
        if not points:
            continue
        base = min(points, key=lambda p: p["Timestamp"])["Timestamp"]
        rows.extend(sorted([[(p["Timestamp"] - base).total_seconds(), name, p["Average"]] for p in points], key=lambda r: r[0]))
    return rows


def per_epoch(cloudwatch, name):
    start, end, _ = window()
    answer = statistics(cloudwatch, name, start, end, 1, ["SampleCount", "Average", "Sum", "Minimum", "Maximum"])
    return {
        "label": answer["Label"],
        "points": [dict(point, Timestamp=point["Timestamp"].timestamp()) for point in sorted(answer["Datapoints"], key=lambda p: p["Timestamp"])],
    }


def refused(call):
    try:
        call()
        return {"raised": None}
    except ClientError as e:
        return {
            "raised": type(e).__name__,
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
        }


def run(cloudwatch):
    start, end, names = window()
    seen = {"analytics": analytics(cloudwatch), "wire": dict(cloudwatch.wire)}
    seen["per_epoch"] = {name: per_epoch(cloudwatch, name) for name in names}
    count = lambda **kw: len(statistics(cloudwatch, names[0], start, end, 60, ["Average"], **kw)["Datapoints"])
    seen["found_nothing"] = {
        "other_namespace": count(namespace="AWS/SageMaker"),
        "host_dimension": count(dimensions=[{"Name": "Host", "Value": job + "/algo-1"}]),
        "extra_dimension": count(dimensions=[{"Name": "TrainingJobName", "Value": job}, {"Name": "Host", "Value": "algo-1"}]),
        "unknown_job": count(dimensions=[{"Name": "TrainingJobName", "Value": job + "-unknown"}]),
    }
    listed = cloudwatch.list_metrics(Namespace=NAMESPACE, Dimensions=[{"Name": "TrainingJobName", "Value": job}])["Metrics"]
    seen["listed"] = sorted([m["MetricName"], m["Dimensions"]] for m in listed)
    seen["refused"] = {
        "bad_period": refused(lambda: statistics(cloudwatch, names[0], start, end, 7, ["Average"])),
        "too_many_datapoints": refused(lambda: statistics(cloudwatch, names[0], end - datetime.timedelta(seconds=1441), end, 1, ["Average"])),
        "percentiles": refused(lambda: cloudwatch.get_metric_statistics(
            Namespace=NAMESPACE, MetricName=names[0], StartTime=start, EndTime=end, Period=60, ExtendedStatistics=["p90"])),
    }
    return seen


print(json.dumps({
    "json": run(json_client(config=config)),
    "cbor": run(cbor_client(config=config)),
}))
