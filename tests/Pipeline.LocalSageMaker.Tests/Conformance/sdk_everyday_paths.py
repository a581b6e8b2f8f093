"""What the SageMaker Python SDK's everyday paths and the AWS CLI's listings ask of the service, run by boto3 on the
notebook's two trained jobs and their models (made by notebook_hosting.py).

- Estimator.attach: describe_training_job's members the SDK reads with no fallback, then list_tags on the job.
- FinalMetricDataList, checked here against the job's own logs: each entry must be the last value its definition's
  regex matches in the hosts' streams (Python's re over get_log_events, nothing of LocalSageMaker's scraping).
- Tags: add_tags, list_tags (paginator), delete_tags, the 50-tag limit.
- Batch transform on both models, then list_transform_jobs a page at a time; list_tags on a transform job.
- describe_log_groups a page at a time.
- update_endpoint from the sharded model to the replicated one (blue/green), scores before and after.
Prints one JSON object of what it saw.
Usage: sdk_everyday_paths.py <sharded job> <replicated job> <role> <transform input s3 prefix> <transform output s3 prefix> <rows csv>
"""
import json
import re
import sys
import time

import boto3
from botocore.exceptions import ClientError

sharded_job, replicated_job, role, transform_input, transform_output, rows_csv = sys.argv[1:7]
sm = boto3.Session().client('sagemaker')
logs = boto3.Session().client('logs')
runtime = boto3.Session().client('sagemaker-runtime')
seen = {}


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}
    return None


# Estimator.attach reads these with no fallback, then asks for the job's tags.
job = sm.describe_training_job(TrainingJobName=sharded_job)
seen['attach'] = {
    'kms_key_id': job['OutputDataConfig']['KmsKeyId'],
    'input_mode': job['AlgorithmSpecification']['TrainingInputMode'],
    'metric_names': [d['Name'] for d in job['AlgorithmSpecification']['MetricDefinitions']],
    'inter_container_encryption': job['EnableInterContainerTrafficEncryption'],
    'network_isolation': job['EnableNetworkIsolation'],
    'tags': sm.list_tags(ResourceArn=job['TrainingJobArn'])['Tags'],
}

# Every host's log events, in time order, then the last match of each definition that the service reported.
events = []
for page in logs.get_paginator('describe_log_streams').paginate(
        logGroupName='/aws/sagemaker/TrainingJobs', logStreamNamePrefix=sharded_job + '/'):
    for stream in page['logStreams']:
        token = None
        while True:
            args = {'logGroupName': '/aws/sagemaker/TrainingJobs', 'logStreamName': stream['logStreamName'], 'startFromHead': True}
            if token:
                args['nextToken'] = token
            answer = logs.get_log_events(**args)
            events.extend((e['timestamp'], e['message']) for e in answer['events'])
            if answer['nextForwardToken'] == token or not answer['events']:
                break
            token = answer['nextForwardToken']
definitions = {d['Name']: d['Regex'] for d in job['AlgorithmSpecification']['MetricDefinitions']}
final_checks = []
for metric in job.get('FinalMetricDataList', []):
    matches = []
    for timestamp, message in events:
        found = re.search(definitions[metric['MetricName']], message)
        if found:
            try:
                matches.append((timestamp, float(found.group(1))))
            except ValueError:
                pass
    last_time = max(t for t, _ in matches)
    candidates = [v for t, v in matches if t == last_time]
    reported_ms = int(round(metric['Timestamp'].timestamp() * 1000))
    final_checks.append({
        'name': metric['MetricName'],
        'value': metric['Value'],
        'matches': len(matches),
        'value_is_a_last_match': any(abs(metric['Value'] - v) <= 1e-6 * max(1.0, abs(v)) for v in candidates),
        'timestamp_is_the_last_match': reported_ms == last_time,
    })
seen['final_metrics'] = final_checks

# Tags on a model: fifty, then one too many, a reserved key, an unknown resource; then all but one deleted.
model_arn = sm.describe_model(ModelName=sharded_job)['ModelArn']
sm.add_tags(ResourceArn=model_arn, Tags=[{'Key': f'key-{i:02d}', 'Value': f'value {i}'} for i in range(50)])
listed = [t for page in sm.get_paginator('list_tags').paginate(ResourceArn=model_arn, PaginationConfig={'PageSize': 50}) for t in page['Tags']]
seen['tags'] = {
    'listed': len(listed),
    'keys_in_order': [t['Key'] for t in listed] == [f'key-{i:02d}' for i in range(50)],
    'one_too_many': error_of(lambda: sm.add_tags(ResourceArn=model_arn, Tags=[{'Key': 'one-too-many', 'Value': ''}])),
    'reserved': error_of(lambda: sm.add_tags(ResourceArn=model_arn, Tags=[{'Key': 'aws:mine', 'Value': ''}])),
    'unknown_resource': error_of(lambda: sm.list_tags(ResourceArn=model_arn.replace(sharded_job, 'no-such-model'))),
}
sm.delete_tags(ResourceArn=model_arn, TagKeys=[f'key-{i:02d}' for i in range(1, 50)])
sm.add_tags(ResourceArn=model_arn, Tags=[{'Key': 'key-00', 'Value': 'replaced'}])
seen['tags']['after_delete'] = sm.list_tags(ResourceArn=model_arn)['Tags']

# Batch transform with both models, then the listing, newest first, a page at a time.
transform_jobs = []
for model in (sharded_job, replicated_job):
    name = ('paths-' + model)[:63]
    sm.create_transform_job(
        TransformJobName=name, ModelName=model,
        TransformInput={'DataSource': {'S3DataSource': {'S3DataType': 'S3Prefix', 'S3Uri': transform_input}},
                        'ContentType': 'text/csv', 'SplitType': 'Line'},
        TransformOutput={'S3OutputPath': transform_output + '/' + name, 'Accept': 'application/jsonlines', 'AssembleWith': 'Line'},
        TransformResources={'InstanceType': 'ml.m4.xlarge', 'InstanceCount': 1},
        Tags=[{'Key': 'experiment', 'Value': 'paths'}])
    transform_jobs.append(name)
    time.sleep(0.01)  # distinct creation times, so newest-first has one answer
for name in transform_jobs:
    sm.get_waiter('transform_job_completed_or_stopped').wait(TransformJobName=name, WaiterConfig={'Delay': 1, 'MaxAttempts': 120})
pages = [[s['TransformJobName'] for s in page['TransformJobSummaries']]
         for page in sm.get_paginator('list_transform_jobs').paginate(PaginationConfig={'PageSize': 1})]
seen['transform'] = {
    'names_newest_first': list(reversed(transform_jobs)),
    'pages': pages,
    'statuses': [sm.describe_transform_job(TransformJobName=n)['TransformJobStatus'] for n in transform_jobs],
    'completed_named_sharded': [s['TransformJobName'] for s in sm.list_transform_jobs(
        NameContains='SHARDED', StatusEquals='Completed')['TransformJobSummaries']],
    'tags': sm.list_tags(ResourceArn=sm.describe_transform_job(TransformJobName=transform_jobs[0])['TransformJobArn'])['Tags'],
    'outputs': [transform_output + '/' + n for n in transform_jobs],
}

# The log groups the jobs and endpoints wrote, one to a page.
seen['log_groups'] = [[g['logGroupName'] for g in page['logGroups']]
                      for page in logs.get_paginator('describe_log_groups').paginate(PaginationConfig={'PageSize': 1})]
seen['log_group_arns'] = [g['arn'] for g in logs.describe_log_groups(logGroupNamePrefix='/aws/sagemaker/TrainingJobs')['logGroups']]

# Blue/green: an endpoint on the sharded model, moved to the replicated one.
endpoint = 'paths-blue-green'
for config, model in (('paths-blue', sharded_job), ('paths-green', replicated_job)):
    sm.create_endpoint_config(EndpointConfigName=config, ProductionVariants=[{
        'InstanceType': 'ml.m4.xlarge', 'InitialInstanceCount': 1, 'ModelName': model, 'VariantName': 'AllTraffic'}])
sm.create_endpoint(EndpointName=endpoint, EndpointConfigName='paths-blue')
sm.get_waiter('endpoint_in_service').wait(EndpointName=endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
with open(rows_csv) as f:
    body = f.read()


def scores():
    answer = runtime.invoke_endpoint(EndpointName=endpoint, ContentType='text/csv', Accept='application/json', Body=body)
    return [p['score'] for p in json.loads(answer['Body'].read())['predictions']]


before = scores()
updated = sm.update_endpoint(EndpointName=endpoint, EndpointConfigName='paths-green')
right_after = sm.describe_endpoint(EndpointName=endpoint)
sm.get_waiter('endpoint_in_service').wait(EndpointName=endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
after = sm.describe_endpoint(EndpointName=endpoint)
seen['update'] = {
    'arn': updated['EndpointArn'],
    'status_right_after': right_after['EndpointStatus'],
    'pending_config': right_after.get('PendingDeploymentSummary', {}).get('EndpointConfigName'),
    'config_after': after['EndpointConfigName'],
    'status_after': after['EndpointStatus'],
    'scores_before': before,
    'scores_after': scores(),
}
sm.delete_endpoint(EndpointName=endpoint)
sm.get_waiter('endpoint_deleted').wait(EndpointName=endpoint, WaiterConfig={'Delay': 1, 'MaxAttempts': 60})
seen['update']['tags_after_delete'] = error_of(lambda: sm.list_tags(ResourceArn=updated['EndpointArn']))

print(json.dumps(seen, default=str))
