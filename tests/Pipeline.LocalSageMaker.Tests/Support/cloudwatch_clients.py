"""boto3 CloudWatch clients for both protocols LocalSageMaker serves CloudWatch in.

botocore 1.43 reads CloudWatch's model protocols ['smithy-rpc-v2-cbor', 'json', 'query'] in its own order of preference
(json first), so a plain boto3.client("cloudwatch") speaks AWS JSON 1.0. cbor_client() builds the same client from the
same model with its protocols narrowed to smithy-rpc-v2-cbor, so botocore's own CBOR serializer and parser run."""
import json
import os
import tempfile
from urllib.parse import urlsplit

import boto3
import botocore.session


def json_client(**kwargs):
    return watch(boto3.client("cloudwatch", **kwargs))


def cbor_client(**kwargs):
    model = botocore.session.get_session().get_component("data_loader").load_service_model("cloudwatch", "service-2")
    model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
    folder = tempfile.mkdtemp(prefix="cloudwatch-cbor-model-")
    version = os.path.join(folder, "cloudwatch", model["metadata"]["apiVersion"])
    os.makedirs(version)
    with open(os.path.join(version, "service-2.json"), "w") as out:
        json.dump(model, out)
    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, folder)
    return watch(boto3.Session(botocore_session=session).client("cloudwatch", **kwargs))


def watch(client):
    """Keeps how the last request went on the wire in client.wire: path and protocol headers."""
    client.wire = {}

    def seen(request, **_):
        headers = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}
        client.wire.update({
            "protocol": client.meta.service_model.resolved_protocol,
            "path": urlsplit(request.url).path,
            "target": headers.get("x-amz-target"),
            "smithy_protocol": headers.get("smithy-protocol"),
            "content_type": headers.get("content-type"),
        })

    client.meta.events.register("before-send.cloudwatch.*", seen)
    return client
