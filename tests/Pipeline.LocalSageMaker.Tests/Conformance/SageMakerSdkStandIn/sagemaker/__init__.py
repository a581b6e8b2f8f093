"""A stand-in for the SageMaker Python SDK v1, which is not installed here: just what blog_xgboost.py imports.

On a notebook instance get_execution_role() returns the instance's role; here, a role of a made-up account (LocalSageMaker
only checks that RoleArn is an IAM role ARN).
"""

EXECUTION_ROLE = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-20200719T170204"


def get_execution_role():
    return EXECUTION_ROLE
