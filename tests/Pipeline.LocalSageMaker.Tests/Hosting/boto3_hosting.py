"""Hosts a model with unmodified boto3 as the notebook's Host, Evaluate and clean-up cells do: create_model,
create_endpoint_config, create_endpoint, the endpoint_in_service waiter, invoke_endpoint with text/csv, then
delete_endpoint and the answers after it. Endpoints come from AWS_ENDPOINT_URL_SAGEMAKER and
AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME. Arguments: model data URL, image, CSV file to score. Prints one JSON object."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

model_data, image, csv_path = sys.argv[1:4]
config = Config(retries={"max_attempts": 1, "mode": "standard"})
sm = boto3.client("sagemaker", config=config)
runtime = boto3.client("sagemaker-runtime", config=config)
out = {"runtime_url": runtime.meta.endpoint_url}

sm.create_model(
    ModelName="boto3-model",
    ExecutionRoleArn="arn:aws:iam::000000000000:role/SageMakerRole",
    PrimaryContainer={"Image": image, "ModelDataUrl": model_data},
)
sm.create_endpoint_config(
    EndpointConfigName="boto3-config",
    ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "boto3-model",
                         "InitialInstanceCount": 2, "InstanceType": "ml.m5.large"}],
)
out["endpoint_arn"] = sm.create_endpoint(EndpointName="boto3-endpoint", EndpointConfigName="boto3-config")["EndpointArn"]
sm.get_waiter("endpoint_in_service").wait(EndpointName="boto3-endpoint", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
described = sm.describe_endpoint(EndpointName="boto3-endpoint")
out["status"] = described["EndpointStatus"]
out["instances"] = described["ProductionVariants"][0]["CurrentInstanceCount"]

with open(csv_path, "rb") as f:
    payload = f.read()
response = runtime.invoke_endpoint(EndpointName="boto3-endpoint", ContentType="text/csv", Body=payload)
out["content_type"] = response["ContentType"]
out["variant"] = response["InvokedProductionVariant"]
out["scores"] = [p["score"] for p in json.loads(response["Body"].read())["predictions"]]

try:
    runtime.invoke_endpoint(EndpointName="boto3-endpoint", ContentType="text/csv", Body=b"1,2\nnot,numbers\n")
    out["model_error"] = None
except runtime.exceptions.ModelError as e:
    out["model_error"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                          "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

sm.delete_endpoint(EndpointName="boto3-endpoint")
sm.get_waiter("endpoint_deleted").wait(EndpointName="boto3-endpoint", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
try:
    sm.describe_endpoint(EndpointName="boto3-endpoint")
    out["after_delete"] = None
except ClientError as e:
    out["after_delete"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
try:
    runtime.invoke_endpoint(EndpointName="boto3-endpoint", ContentType="text/csv", Body=payload)
    out["invoke_after_delete"] = None
except ClientError as e:
    out["invoke_after_delete"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
sm.delete_endpoint_config(EndpointConfigName="boto3-config")
sm.delete_model(ModelName="boto3-model")
print(json.dumps(out))
