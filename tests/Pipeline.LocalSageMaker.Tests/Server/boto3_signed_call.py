"""One boto3 call of each protocol served (SageMaker JSON 1.1, Logs JSON 1.1, the Runtime's REST-JSON, CloudWatch's JSON
1.0 and rpc-v2-cbor) signed with the credentials of the environment; prints, as JSON, what each returned or the error
code and HTTP status boto3 read."""
import json

import boto3
from botocore.exceptions import ClientError

from cloudwatch_clients import cbor_client, json_client


def attempt(call):
    try:
        call()
        return {"ok": True}
    except ClientError as error:
        return {
            "ok": False,
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }


sagemaker = boto3.client("sagemaker")
logs = boto3.client("logs")
runtime = boto3.client("sagemaker-runtime")
cloudwatch = json_client()
cloudwatch_cbor = cbor_client()
print(json.dumps({
    "sagemaker": attempt(lambda: sagemaker.list_training_jobs()),
    "logs": attempt(lambda: logs.describe_log_streams(logGroupName="/aws/sagemaker/TrainingJobs")),
    "runtime": attempt(lambda: runtime.invoke_endpoint(EndpointName="nowhere", ContentType="text/csv", Body=b"1,2\n")),
    "cloudwatch": attempt(lambda: cloudwatch.list_metrics()),
    "cloudwatch_cbor": attempt(lambda: cloudwatch_cbor.list_metrics()),
}))
