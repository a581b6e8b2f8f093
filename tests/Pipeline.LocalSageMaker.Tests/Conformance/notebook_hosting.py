"""The seed notebook's Host, Evaluate and clean-up cells, verbatim but for where the endpoints come from.

boto3 finds LocalSageMaker through AWS_ENDPOINT_URL_SAGEMAKER / AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME, which the test
sets. The edits to the notebook's code: a one-second waiter delay (WaiterConfig) instead of thirty, the test year
read from a label-first CSV (the notebook builds it with its GDELT transform, which the training cells' data does not
come from), and what the cells print goes to stderr, with one JSON object of what they saw on stdout.
Usage: notebook_hosting.py <sharded job> <replicated job> <container> <role> <test csv> [<folder holding numpy>]
"""
import json
import sys
import time

if len(sys.argv) > 6:
    try:
        import numpy  # noqa: F401
    except ImportError:
        sys.path.append(sys.argv[6])

import io
import boto3
import numpy as np

sharded_job, replicated_job, container, role, test_csv = sys.argv[1:6]
sm = boto3.Session().client('sagemaker')

sharded_model_response = sm.create_model(
    ModelName=sharded_job,
    ExecutionRoleArn=role,
    PrimaryContainer={
        'Image': container,
        'ModelDataUrl': sm.describe_training_job(TrainingJobName=sharded_job)['ModelArtifacts']['S3ModelArtifacts']})

print(sharded_model_response['ModelArn'], file=sys.stderr)

replicated_model_response = sm.create_model(
    ModelName=replicated_job,
    ExecutionRoleArn=role,
    PrimaryContainer={
        'Image': container,
        'ModelDataUrl': sm.describe_training_job(TrainingJobName=replicated_job)['ModelArtifacts']['S3ModelArtifacts']})

print(replicated_model_response['ModelArn'], file=sys.stderr)

sharded_endpoint_config = 'DEMO-sharded-endpoint-config-' + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
print(sharded_endpoint_config, file=sys.stderr)
sharded_endpoint_config_response = sm.create_endpoint_config(
    EndpointConfigName=sharded_endpoint_config,
    ProductionVariants=[{
        'InstanceType': 'ml.m4.xlarge',
        'InitialInstanceCount': 1,
        'ModelName': sharded_job,
        'VariantName': 'AllTraffic'}])

print("Endpoint Config Arn: " + sharded_endpoint_config_response['EndpointConfigArn'], file=sys.stderr)

replicated_endpoint_config = 'DEMO-replicated-endpoint-config-' + time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
print(replicated_endpoint_config, file=sys.stderr)
replicated_endpoint_config_response = sm.create_endpoint_config(
    EndpointConfigName=replicated_endpoint_config,
    ProductionVariants=[{
        'InstanceType': 'ml.m4.xlarge',
        'InitialInstanceCount': 1,
        'ModelName': replicated_job,
        'VariantName': 'AllTraffic'}])

print("Endpoint Config Arn: " + replicated_endpoint_config_response['EndpointConfigArn'], file=sys.stderr)

sharded_endpoint = 'DEMO-sharded-endpoint-' + time.strftime("%Y%m%d%H%M", time.gmtime())
print(sharded_endpoint, file=sys.stderr)
sharded_endpoint_response = sm.create_endpoint(
    EndpointName=sharded_endpoint,
    EndpointConfigName=sharded_endpoint_config)
print(sharded_endpoint_response['EndpointArn'], file=sys.stderr)

replicated_endpoint = 'DEMO-replicated-endpoint-' + time.strftime("%Y%m%d%H%M", time.gmtime())
print(replicated_endpoint, file=sys.stderr)
replicated_endpoint_response = sm.create_endpoint(
    EndpointName=replicated_endpoint,
    EndpointConfigName=replicated_endpoint_config)
print(replicated_endpoint_response['EndpointArn'], file=sys.stderr)

resp = sm.describe_endpoint(EndpointName=replicated_endpoint)
status = resp['EndpointStatus']
print("Status: " + status, file=sys.stderr)

sm.get_waiter('endpoint_in_service').wait(EndpointName=replicated_endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 120})

resp = sm.describe_endpoint(EndpointName=replicated_endpoint)
status = resp['EndpointStatus']
print("Arn: " + resp['EndpointArn'], file=sys.stderr)
print("Status: " + status, file=sys.stderr)

if status != 'InService':
    raise Exception('Endpoint creation did not succeed')

# The sharded endpoint was created first; the notebook checks it by eye, this waits for it.
sm.get_waiter('endpoint_in_service').wait(EndpointName=sharded_endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 120})



def listed(operation, member, name_key, **kwargs):
    """Not a notebook cell: every page botocore's paginator fetches, one name per line, PageSize 1 so it must page."""
    pages = sm.get_paginator(operation).paginate(PaginationConfig={'PageSize': 1}, **kwargs)
    return [[item[name_key] for item in page[member]] for page in pages]


listings = {
    "models": listed('list_models', 'Models', 'ModelName', SortOrder='Ascending', SortBy='Name'),
    "endpoint_configs": listed('list_endpoint_configs', 'EndpointConfigs', 'EndpointConfigName', NameContains='sharded'),
    "endpoints": listed('list_endpoints', 'Endpoints', 'EndpointName'),
    "in_service": listed('list_endpoints', 'Endpoints', 'EndpointName', StatusEquals='InService'),
    "endpoint_status": sorted(e['EndpointStatus'] for e in sm.list_endpoints()['Endpoints']),
    "names": {"models": sorted([sharded_job, replicated_job]), "sharded_config": sharded_endpoint_config,
              "endpoints_newest_first": [replicated_endpoint, sharded_endpoint]},
}

test_data = np.loadtxt(test_csv, delimiter=',')
test_X = test_data[:, 1:]
test_y = test_data[:, 0]


def np2csv(arr):
    csv = io.BytesIO()
    np.savetxt(csv, arr, delimiter=',', fmt='%g')
    return csv.getvalue().decode().rstrip()


invocations = []


def predict_batches(data, endpoint):
    rows = 5. * 1024. * 1024. / sys.getsizeof(np2csv(data[0, :]))
    split_array = np.array_split(data, int(data.shape[0] / float(rows) + 1))
    predictions = []
    runtime = boto3.Session().client('runtime.sagemaker')
    for array in split_array:
        payload = np2csv(array)
        invocations.append(len(payload))
        response = runtime.invoke_endpoint(EndpointName=endpoint,
                                           ContentType='text/csv',
                                           Body=payload)
        result = json.loads(response['Body'].read().decode())
        predictions += [r['score'] for r in result['predictions']]
    return np.array(predictions)


sharded_predictions = predict_batches(test_X, sharded_endpoint)
replicated_predictions = predict_batches(test_X, replicated_endpoint)

sharded_mse = np.mean((test_y - sharded_predictions) ** 2)
replicated_mse = np.mean((test_y - replicated_predictions) ** 2)
print('Sharded MSE =', sharded_mse, file=sys.stderr)
print('Replicated MSE =', replicated_mse, file=sys.stderr)

sm.delete_endpoint(EndpointName=sharded_endpoint)
sm.delete_endpoint(EndpointName=replicated_endpoint)

after = {}
for endpoint in (sharded_endpoint, replicated_endpoint):
    sm.get_waiter('endpoint_deleted').wait(EndpointName=endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
    try:
        sm.describe_endpoint(EndpointName=endpoint)
        after[endpoint] = "still there"
    except sm.exceptions.ClientError as e:
        after[endpoint] = e.response['Error']['Code']

print(json.dumps({
    "sharded_mse": float(sharded_mse),
    "replicated_mse": float(replicated_mse),
    "rows": int(test_X.shape[0]),
    "predictions": len(sharded_predictions) + len(replicated_predictions),
    "payload_bytes": invocations,
    "after_delete": after,
    "listings": listings,
    "endpoints_after_delete": listed('list_endpoints', 'Endpoints', 'EndpointName'),
}))
