"""Drives a LocalSageMaker HTTP front with unmodified boto3, as a user would: the endpoints come from
AWS_ENDPOINT_URL_SAGEMAKER and AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, the credentials are dummies. Prints one JSON
object: what boto3 parsed from each call (datetimes as epoch seconds) and how each error arrived."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

GROUP = "/aws/sagemaker/TrainingJobs"

# One attempt: an error must arrive as the server sent it, not after retries.
config = Config(retries={"max_attempts": 1, "mode": "standard"})
sagemaker = boto3.client("sagemaker", config=config)
logs = boto3.client("logs", config=config)


def when(value):
    return {"epoch": value.timestamp(), "type": type(value).__name__, "aware": value.tzinfo is not None}


def request_id(response):
    return response["ResponseMetadata"].get("RequestId")


def error(call, modeled):
    try:
        call()
        return {"raised": None}
    except ClientError as e:
        return {
            "raised": type(e).__name__,
            "modeled": isinstance(e, modeled),
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "request_id": request_id(e.response),
        }


def training_job(name):
    return dict(
        TrainingJobName=name,
        AlgorithmSpecification={"TrainingImage": "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
                                "TrainingInputMode": "File"},
        RoleArn="arn:aws:iam::111122223333:role/SageMakerRole",
        InputDataConfig=[{
            "ChannelName": "train",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/gdelt/train/",
                                            "S3DataDistributionType": "ShardedByS3Key"}},
            "CompressionType": "None",
            "RecordWrapperType": "None",
        }],
        OutputDataConfig={"S3OutputPath": "s3://bucket/output"},
        ResourceConfig={"InstanceType": "ml.c4.2xlarge", "InstanceCount": 5, "VolumeSizeInGB": 10},
        StoppingCondition={"MaxRuntimeInSeconds": 3600},
        HyperParameters={"feature_dim": "25", "mini_batch_size": "500", "predictor_type": "regressor"},
    )


out = {}

created = sagemaker.create_training_job(**training_job("boto3-job"))
out["create"] = {"arn": created["TrainingJobArn"], "request_id": request_id(created)}

described = sagemaker.describe_training_job(TrainingJobName="boto3-job")
out["describe"] = {
    "name": described["TrainingJobName"],
    "status": described["TrainingJobStatus"],
    "secondary_status": described["SecondaryStatus"],
    "creation": when(described["CreationTime"]),
    "training_start": when(described["TrainingStartTime"]),
    "transitions": [{"status": t["Status"], "start": when(t["StartTime"]),
                     "end": when(t["EndTime"]) if "EndTime" in t else None}
                    for t in described["SecondaryStatusTransitions"]],
    "instance_count": described["ResourceConfig"]["InstanceCount"],
    "distribution": described["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataDistributionType"],
    "billable_seconds": described["BillableTimeInSeconds"],
    "model": described["ModelArtifacts"]["S3ModelArtifacts"],
}

listed = sagemaker.list_training_jobs(NameContains="boto3", MaxResults=2, SortBy="CreationTime", SortOrder="Descending")
out["list"] = {
    "names": [s["TrainingJobName"] for s in listed["TrainingJobSummaries"]],
    "statuses": [s["TrainingJobStatus"] for s in listed["TrainingJobSummaries"]],
    "creation": [when(s["CreationTime"]) for s in listed["TrainingJobSummaries"]],
    "next_token": listed.get("NextToken"),
}

stopped = sagemaker.stop_training_job(TrainingJobName="boto3-job")
out["stop"] = {"members": sorted(k for k in stopped if k != "ResponseMetadata"),
               "status": stopped["ResponseMetadata"]["HTTPStatusCode"]}

streams = logs.describe_log_streams(logGroupName=GROUP, logStreamNamePrefix="boto3-job/", orderBy="LogStreamName")
out["streams"] = {
    "names": [s["logStreamName"] for s in streams["logStreams"]],
    "creation": [s["creationTime"] for s in streams["logStreams"]],
    "last_event": [s.get("lastEventTimestamp") for s in streams["logStreams"]],
}

events = logs.get_log_events(logGroupName=GROUP, logStreamName=streams["logStreams"][0]["logStreamName"], startFromHead=True)
out["events"] = {
    "messages": [e["message"] for e in events["events"]],
    "timestamps": [e["timestamp"] for e in events["events"]],
    "forward": events["nextForwardToken"],
    "backward": events["nextBackwardToken"],
}

out["not_found"] = error(lambda: sagemaker.describe_training_job(TrainingJobName="missing-job"),
                         sagemaker.exceptions.ResourceNotFound)
out["in_use"] = error(lambda: sagemaker.create_training_job(**training_job("taken-job")),
                      sagemaker.exceptions.ResourceInUse)
out["logs_not_found"] = error(lambda: logs.get_log_events(logGroupName=GROUP, logStreamName="missing-stream"),
                              logs.exceptions.ResourceNotFoundException)

json.dump(out, sys.stdout)
