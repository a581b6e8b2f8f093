"""The seed blog's three code blocks (distributed XGBoost training, create_model, batch transform), as written.

boto3 finds LocalSageMaker through AWS_ENDPOINT_URL_SAGEMAKER / AWS_ENDPOINT_URL_CLOUDWATCH_LOGS and moto's S3 through
AWS_ENDPOINT_URL_S3, which the test sets; `sagemaker` is the stand-in in SageMakerSdkStandIn/ (the SDK is not
installed). The blog's statements are kept verbatim but for the lines marked DEVIATION:
- the model cells name the job just trained, not the blog's job of 2020-07-19;
- time.sleep is patched (below, before the blog's code) to sleep a sixtieth of what it is asked: the waiter's 120 s
  delay and the polling loop's 30 s, both unchanged in the code.
The bucket, prefix and the batch transform's S3 URIs are the blog's own: the test made those buckets in moto. The
blog's trailing spaces are trimmed (.editorconfig). After the blog's code, statements of the test's own gather what it
checks.
Usage: blog_xgboost.py. Prints the blog's lines, then one JSON line with what the test checks.
"""
import time

_sleep = time.sleep
requested_sleeps = []


def sixtieth_sleep(seconds):
    requested_sleeps.append(seconds)
    _sleep(seconds / 60)


time.sleep = sixtieth_sleep  # botocore's waiter sleeps through the same time.sleep

#############
# Libraries #
#############

import boto3
from sagemaker import get_execution_role
import sagemaker.amazon.common as smac
import time
import json

########################
# S3 bucket and prefix #
########################

bucket = 'abn-distro'
prefix = 'm5_store_items'

####################
## Execution role ##
####################

role = get_execution_role()

#######################
## XGBoost container ##
#######################

from sagemaker.amazon.amazon_estimator import get_image_uri
container = get_image_uri(boto3.Session().region_name, 'xgboost')

#########################
## Training parameters ##
#########################

sharded_training_params = {
    "RoleArn": role,
    "AlgorithmSpecification": {
        "TrainingImage": container,
        "TrainingInputMode": "File"
    },
    "ResourceConfig": {
        "InstanceCount": 15,
        "InstanceType": "ml.m4.4xlarge",
        "VolumeSizeInGB": 10
    },
    "InputDataConfig": [
        {
            "ChannelName": "train",
            "ContentType": "csv",
            "DataSource": {
                "S3DataSource": {
                    "S3DataDistributionType": "ShardedByS3Key",
                    "S3DataType": "S3Prefix",
                    "S3Uri": "s3://{}/{}/train/".format(bucket, prefix)
                }
            },
            "CompressionType": "None",
            "RecordWrapperType": "None"
        },
    ],
    "OutputDataConfig": {
        "S3OutputPath": "s3://{}/{}/".format(bucket, prefix)
    },
    "HyperParameters": {
        "num_round": "3000",
        "eta": "0.1",
        "objective": "reg:tweedie",
        "tweedie_variance_power": "1.5",
        "eval_metric": "rmse",
        "rate_drop": "0.2",
        "min_child_weight": "7",
        "max_depth": "5",
        "colsample_bytree": "0.7",
        "subsample": "0.7"
    },
    "StoppingCondition": {
        "MaxRuntimeInSeconds": 18000
    }
}

#######################
## Training job name ##
#######################

sharded_job = 'm5-sharded-xgboost-' + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
sharded_training_params['TrainingJobName'] = sharded_job

#########################
## Launch training job ##
#########################

region = boto3.Session().region_name
sm = boto3.Session().client('sagemaker')

sm.create_training_job(**sharded_training_params)

status = sm.describe_training_job(TrainingJobName=sharded_job)['TrainingJobStatus']
print(status)

sm.get_waiter('training_job_completed_or_stopped').wait(TrainingJobName=sharded_job)

status = sm.describe_training_job(TrainingJobName=sharded_job)['TrainingJobStatus']
print("Training job ended with status: " + status)

if status == 'Failed':
    message = sm.describe_training_job(TrainingJobName=sharded_job)['FailureReason']
    print('Training failed with the following error: {}'.format(message))
    raise Exception('Training job failed')

training_sleeps = list(requested_sleeps)

##################
## Create model ##
##################

region = boto3.Session().region_name
sm = boto3.Session().client('sagemaker')

# get XGBoost image
from sagemaker.amazon.amazon_estimator import get_image_uri
container = get_image_uri(boto3.Session().region_name, 'xgboost')

# specify desired model name and location of artifacts
# DEVIATION: the job just trained, not the blog's 'm5-sharded-xgboost-2020-07-19-17-02-04'; the URL by the blog's pattern.
model_name = sharded_job
model_url = 's3://{}/{}/{}/output/model.tar.gz'.format(bucket, prefix, sharded_job)

# create model
sharded_model_response = sm.create_model(
    ModelName=model_name,
    ExecutionRoleArn=role,
    PrimaryContainer={
        'Image': container,
        'ModelDataUrl': model_url
    }
)

###############################
## Configure batch transform ##
###############################

# assign a name to job and specify model
batch_job_name = 'm5-sharded-xgboost-batch-transform'
# DEVIATION: the model just created, not the blog's 'm5-sharded-xgboost-2020-07-19-17-02-04'.
model_name = sharded_job

# S3 location of input/output data
batch_input = 's3://path/to/inference/data/'
batch_output = 's3://path/for/predictions/'

# batch job request specs
batch_request = {
    "TransformJobName": batch_job_name,
    "ModelName": model_name,
    "BatchStrategy": "MultiRecord",
    "TransformOutput": {
        "S3OutputPath": batch_output
    },
    "TransformInput": {
        "DataSource": {
            "S3DataSource": {
                "S3DataType": "S3Prefix",
                "S3Uri": batch_input
            }
        },
        "ContentType": "text/csv",
        "SplitType": "Line",
        "CompressionType": "None"
    },
    "TransformResources": {
            "InstanceType": "ml.m4.xlarge",
            "InstanceCount": 1
    }
}

################################
## Launch batch transform job ##
################################

sm.create_transform_job(**batch_request)

while(True):
    response = sm.describe_transform_job(TransformJobName=batch_job_name)
    status = response['TransformJobStatus']
    if  status == 'Completed':
        print("Transform job ended with status: " + status)
        break
    if status == 'Failed':
        message = response['FailureReason']
        print('Transform failed with the following error: {}'.format(message))
        raise Exception('Transform job failed')
    print("Transform job is still in status: " + status)
    time.sleep(30)

###########################################################################
# Not the blog's: what the test checks, as boto3 sees it, on the last line #
###########################################################################

logs = boto3.client('logs')
streams = []
for stream in logs.describe_log_streams(logGroupName='/aws/sagemaker/TrainingJobs', logStreamNamePrefix=sharded_job)['logStreams']:
    events = logs.get_log_events(logGroupName='/aws/sagemaker/TrainingJobs', logStreamName=stream['logStreamName'],
                                 startFromHead=True)['events']
    # What the host was given and read: LocalSageMaker's channel line and the training script's row count.
    said = [e['message'] for e in events if e['message'].startswith('[LocalSageMaker] Channel train') or ': train has ' in e['message']]
    streams.append({"name": stream['logStreamName'], "said": said})

training = sm.describe_training_job(TrainingJobName=sharded_job)
model = sm.describe_model(ModelName=model_name)
transform = sm.describe_transform_job(TransformJobName=batch_job_name)
s3 = boto3.client('s3')
model_object = s3.head_object(Bucket=bucket, Key='{}/{}/output/model.tar.gz'.format(prefix, sharded_job))
outputs = s3.list_objects_v2(Bucket='path', Prefix='for/predictions/').get('Contents', [])
print(json.dumps({
    "job": sharded_job,
    "image": container,
    "training": {
        "status": training['TrainingJobStatus'],
        "image": training['AlgorithmSpecification']['TrainingImage'],
        "instances": training['ResourceConfig']['InstanceCount'],
        "instance_type": training['ResourceConfig']['InstanceType'],
        "channel": {k: training['InputDataConfig'][0][k] for k in ('ChannelName', 'ContentType', 'CompressionType', 'RecordWrapperType')},
        "distribution": training['InputDataConfig'][0]['DataSource']['S3DataSource']['S3DataDistributionType'],
        "hyperparameters": training['HyperParameters'],
        "max_runtime": training['StoppingCondition']['MaxRuntimeInSeconds'],
        "model": training['ModelArtifacts']['S3ModelArtifacts'],
        "seconds": training['TrainingTimeInSeconds'],
    },
    "model_url": model_url,
    "model_object_bytes": model_object['ContentLength'],
    "model": {"image": model['PrimaryContainer']['Image'], "data": model['PrimaryContainer']['ModelDataUrl']},
    "transform": {"status": transform['TransformJobStatus'], "input": transform['TransformInput']['DataSource']['S3DataSource']['S3Uri'],
                  "output": transform['TransformOutput']['S3OutputPath']},
    "outputs": sorted(o['Key'] for o in outputs),
    "streams": streams,
    "sleeps": {"training": training_sleeps, "transform": requested_sleeps[len(training_sleeps):]},
}))
