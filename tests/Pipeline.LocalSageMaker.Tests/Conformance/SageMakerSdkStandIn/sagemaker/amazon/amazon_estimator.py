"""The stand-in for SDK v1's get_image_uri, for the one image the blog asks for.

SDK v1 built the URI as "<registry>/<repo>:<version>" with version 1 by default, the registry of the built-in XGBoost
(like seq2seq's and image-classification's) being account 811284229777 in us-east-1: the legacy XGBoost image.
"""

_ACCOUNTS = {("xgboost", "us-east-1"): "811284229777"}


def get_image_uri(region_name, repo_name, repo_version=1):
    account = _ACCOUNTS.get((repo_name, region_name))
    if account is None:
        raise ValueError("The stand-in SDK knows only the xgboost image of us-east-1, not {} in {}".format(repo_name, region_name))
    return "{}.dkr.ecr.{}.amazonaws.com/{}:{}".format(account, region_name, repo_name, repo_version)
