"""The seed notebook's training cells, verbatim but for where the endpoints come from.

boto3 finds LocalSageMaker through AWS_ENDPOINT_URL_SAGEMAKER / AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, which the test
sets; the only edit to the notebook's code is a one-second waiter delay (WaiterConfig) instead of two minutes.
Usage: notebook_training.py <bucket> <prefix> <container> <role>. Prints one JSON object with what the cells saw.
"""
import copy
import datetime
import json
import re
import sys
import time

import boto3
import botocore.exceptions

bucket, prefix, container, role = sys.argv[1:5]

common_training_params = {
    "RoleArn": role,
    "AlgorithmSpecification": {
        "TrainingImage": container,
        "TrainingInputMode": "File"
    },
    "ResourceConfig": {
        "InstanceCount": 5,
        "InstanceType": "ml.c4.2xlarge",
        "VolumeSizeInGB": 10
    },
    "InputDataConfig": [
        {
            "ChannelName": "train",
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": "S3Prefix",
                    "S3Uri": "s3://{}/{}/train/".format(bucket, prefix)
                }
            },
            "CompressionType": "None",
            "RecordWrapperType": "None"
        },
        {
            "ChannelName": "validation",
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": "S3Prefix",
                    "S3Uri": "s3://{}/{}/validation/".format(bucket, prefix),
                    "S3DataDistributionType": "FullyReplicated"
                }
            },
            "CompressionType": "None",
            "RecordWrapperType": "None"
        }

    ],
    "OutputDataConfig": {
        "S3OutputPath": "s3://{}/{}/".format(bucket, prefix)
    },
    "HyperParameters": {
        "feature_dim": "25",
        "mini_batch_size": "500",
        "predictor_type": "regressor",
        "epochs": "2",
        "num_models": "32",
        "loss": "absolute_loss"
    },
    "StoppingCondition": {
        "MaxRuntimeInSeconds": 60 * 60
    }
}

sharded_job = 'DEMO-linear-sharded-' + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())

print("Job name is:", sharded_job, file=sys.stderr)

sharded_training_params = copy.deepcopy(common_training_params)
sharded_training_params['TrainingJobName'] = sharded_job
sharded_training_params['InputDataConfig'][0]['DataSource']['S3DataSource']['S3DataDistributionType'] = 'ShardedByS3Key'

replicated_job = 'DEMO-linear-replicated-' + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())

print("Job name is:", replicated_job, file=sys.stderr)

replicated_training_params = copy.deepcopy(common_training_params)
replicated_training_params['TrainingJobName'] = replicated_job
replicated_training_params['InputDataConfig'][0]['DataSource']['S3DataSource']['S3DataDistributionType'] = 'FullyReplicated'

region = boto3.Session().region_name
sm = boto3.Session().client('sagemaker')

sm.create_training_job(**sharded_training_params)
sm.create_training_job(**replicated_training_params)

status = sm.describe_training_job(TrainingJobName=replicated_job)['TrainingJobStatus']
print(status, file=sys.stderr)
first_status = status
sm.get_waiter('training_job_completed_or_stopped').wait(TrainingJobName=replicated_job,
                                                        WaiterConfig={'Delay': 1, 'MaxAttempts': 300})
status = sm.describe_training_job(TrainingJobName=replicated_job)['TrainingJobStatus']
print("Training job ended with status: " + status, file=sys.stderr)
if status == 'Failed':
    message = sm.describe_training_job(TrainingJobName=replicated_job)['FailureReason']
    print('Training failed with the following error: {}'.format(message), file=sys.stderr)
    raise Exception('Training job failed')

# The sharded job was started first and has a fifth of the data; wait for it too before reading its logs.
sm.get_waiter('training_job_completed_or_stopped').wait(TrainingJobName=sharded_job,
                                                        WaiterConfig={'Delay': 1, 'MaxAttempts': 300})


def get_train_timing(job):
    client = boto3.client('logs')
    streams = client.describe_log_streams(logGroupName='/aws/sagemaker/TrainingJobs',
                                          logStreamNamePrefix=job)
    streams = [s['logStreamName'] for s in streams['logStreams']]
    times = []
    for stream in streams:
        events = client.get_log_events(logGroupName='/aws/sagemaker/TrainingJobs',
                                       logStreamName=stream)['events']
        times += [e['timestamp'] for e in events]
    return (max(times) - min(times)) / 60000.


def streams_of(job):
    client = boto3.client('logs')
    streams = client.describe_log_streams(logGroupName='/aws/sagemaker/TrainingJobs', logStreamNamePrefix=job)
    return [s['logStreamName'] for s in streams['logStreams']]


def summary(job):
    d = sm.describe_training_job(TrainingJobName=job)
    return {
        "name": job,
        "status": d['TrainingJobStatus'],
        "secondary": [t['Status'] for t in d['SecondaryStatusTransitions']],
        "model": d['ModelArtifacts']['S3ModelArtifacts'],
        "training_seconds": d['TrainingTimeInSeconds'],
        "billable_seconds": d['BillableTimeInSeconds'],
        "start_before_end": d['TrainingStartTime'] <= d['TrainingEndTime'],
        "timing_minutes": get_train_timing(job),
        "streams": streams_of(job),
        "analytics": analytics(job),
    }


def client_error(call):
    """Not a notebook cell: what the service answers for a job it does not have (the code and message boto3 reads)."""
    try:
        call()
        return None
    except botocore.exceptions.ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}


def analytics(job):
    """Not a notebook cell: the SageMaker SDK's TrainingJobAnalytics(job) (Period 60, Average) over CloudWatch, the
    number of values behind each metric, and how many of the job's log lines report a per-epoch training loss."""
    cloudwatch = boto3.client('cloudwatch')
    d = sm.describe_training_job(TrainingJobName=job)
    start, end = d['TrainingStartTime'], d['TrainingEndTime'] + datetime.timedelta(minutes=1)
    averages, samples = {}, {}
    for name in [m['Name'] for m in d['AlgorithmSpecification']['MetricDefinitions']]:
        request = dict(Namespace='/aws/sagemaker/TrainingJobs', MetricName=name,
                       Dimensions=[{'Name': 'TrainingJobName', 'Value': job}], StartTime=start, EndTime=end, Period=60)
        points = cloudwatch.get_metric_statistics(Statistics=['Average'], **request)['Datapoints']
        if points:
            averages[name] = [p['Average'] for p in sorted(points, key=lambda p: p['Timestamp'])]
            samples[name] = sum(p['SampleCount'] for p in cloudwatch.get_metric_statistics(Statistics=['SampleCount'], **request)['Datapoints'])
    logs = boto3.client('logs')
    lines = [e['message'] for stream in streams_of(job)
             for e in logs.get_log_events(logGroupName='/aws/sagemaker/TrainingJobs', logStreamName=stream)['events']]
    return {"averages": averages, "samples": samples,
            "epoch_loss_lines": sum(1 for line in lines if re.search(r'epoch=\S+, train \S+_objective <loss>=', line))}


unknown = {
    "describe": client_error(lambda: sm.describe_training_job(TrainingJobName="no-such-job")),
    "stop": client_error(lambda: sm.stop_training_job(TrainingJobName="no-such-job")),
}

print(json.dumps({"first_status": first_status, "sharded": summary(sharded_job), "replicated": summary(replicated_job),
                  "unknown": unknown}))
