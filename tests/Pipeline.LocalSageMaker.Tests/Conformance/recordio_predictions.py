"""Reads linear learner's application/x-recordio-protobuf answers with Google's protobuf library, as the SageMaker
SDK's LinearLearnerPredictor does (RecordDeserializer: record.label["score"].float32_tensor.values[0]), and checks
them against the JSON answer for the same rows.

The Record message class is built here at run time from a descriptor with the field numbers of SageMaker's
record.proto (DOMAIN.md section 3), and the RecordIO frames are split here too, so nothing of the project's own
RecordIO code decodes the answer. boto3 finds LocalSageMaker through AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME.
Usage: recordio_predictions.py <csv file> <folder holding google.protobuf> <endpoint>... Prints one JSON object.
"""
import json
import struct
import sys

csv_path, protobuf_folder, endpoints = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    import google.protobuf
except ImportError:
    # Debian's python3-protobuf is built for the same Python 3.11 as the pip-installed boto3's.
    sys.path.append(protobuf_folder)
    import google.protobuf

import boto3
from botocore.config import Config
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

RECORDIO = "application/x-recordio-protobuf"
MAGIC = 0xCED7230A


def record_class():
    """aialgs.data.Record (proto2) from a FileDescriptorProto written out field by field."""
    field = descriptor_pb2.FieldDescriptorProto
    packed = descriptor_pb2.FieldOptions(packed=True)
    proto = descriptor_pb2.FileDescriptorProto(name="aialgs/data/record.proto", package="aialgs.data", syntax="proto2")

    for name, value_type in (("Float32Tensor", field.TYPE_FLOAT), ("Float64Tensor", field.TYPE_DOUBLE),
                             ("Int32Tensor", field.TYPE_INT32)):
        tensor = proto.message_type.add(name=name)
        tensor.field.add(name="values", number=1, label=field.LABEL_REPEATED, type=value_type, options=packed)
        tensor.field.add(name="keys", number=2, label=field.LABEL_REPEATED, type=field.TYPE_UINT64, options=packed)
        tensor.field.add(name="shape", number=3, label=field.LABEL_REPEATED, type=field.TYPE_UINT64, options=packed)

    raw = proto.message_type.add(name="Bytes")
    raw.field.add(name="value", number=1, label=field.LABEL_REPEATED, type=field.TYPE_BYTES)
    raw.field.add(name="content_type", number=2, label=field.LABEL_OPTIONAL, type=field.TYPE_STRING)

    value = proto.message_type.add(name="Value")
    value.oneof_decl.add(name="value")
    for name, number, type_name in (("float32_tensor", 2, "Float32Tensor"), ("float64_tensor", 3, "Float64Tensor"),
                                    ("int32_tensor", 7, "Int32Tensor"), ("bytes", 9, "Bytes")):
        value.field.add(name=name, number=number, label=field.LABEL_OPTIONAL, type=field.TYPE_MESSAGE,
                        type_name=".aialgs.data." + type_name, oneof_index=0)

    record = proto.message_type.add(name="Record")
    for name, number in (("features", 1), ("label", 2)):
        entry = record.nested_type.add(name=name.capitalize() + "Entry",
                                       options=descriptor_pb2.MessageOptions(map_entry=True))
        entry.field.add(name="key", number=1, label=field.LABEL_OPTIONAL, type=field.TYPE_STRING)
        entry.field.add(name="value", number=2, label=field.LABEL_OPTIONAL, type=field.TYPE_MESSAGE,
                        type_name=".aialgs.data.Value")
        record.field.add(name=name, number=number, label=field.LABEL_REPEATED, type=field.TYPE_MESSAGE,
                         type_name=".aialgs.data.Record." + entry.name)
    for name, number in (("uid", 3), ("metadata", 4), ("configuration", 5)):
        record.field.add(name=name, number=number, label=field.LABEL_OPTIONAL, type=field.TYPE_STRING)

    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(proto.SerializeToString())
    descriptor = pool.FindMessageTypeByName("aialgs.data.Record")
    if hasattr(message_factory, "GetMessageClass"):  # protobuf 4.22 and later
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def payloads(body):
    """The payloads of RecordIO frames: magic, flag << 29 | length (little-endian uint32s), payload, zero padding to 4."""
    at = 0
    while at < len(body):
        if len(body) - at < 8:
            raise ValueError(f"{len(body) - at} bytes after the last record at byte {at}, not a header")
        magic, word = struct.unpack_from("<II", body, at)
        if magic != MAGIC:
            raise ValueError(f"magic 0x{magic:08X} at byte {at}")
        flag, length = word >> 29, word & ((1 << 29) - 1)
        if flag != 0:
            raise ValueError(f"continuation flag {flag} at byte {at}; a whole record is flag 0")
        end = at + 8 + (length + 3) // 4 * 4
        if end > len(body):
            raise ValueError(f"the record at byte {at} declares {length} bytes; the body ends at {len(body)}")
        if any(body[at + 8 + length:end]):
            raise ValueError(f"the padding of the record at byte {at} is not zero")
        yield body[at + 8:at + 8 + length]
        at = end


def as_float32(number):
    return struct.unpack("<f", struct.pack("<f", number))[0]


Record = record_class()
runtime = boto3.client("sagemaker-runtime", config=Config(retries={"max_attempts": 1, "mode": "standard"}))
with open(csv_path, "rb") as f:
    rows = f.read()

out = {"protobuf": google.protobuf.__version__}
for endpoint in endpoints:
    answer = runtime.invoke_endpoint(EndpointName=endpoint, ContentType="text/csv", Accept=RECORDIO, Body=rows)
    records = []
    for payload in payloads(answer["Body"].read()):
        record = Record()
        record.ParseFromString(payload)
        records.append(record)
    json_answer = runtime.invoke_endpoint(EndpointName=endpoint, ContentType="text/csv", Accept="application/json",
                                          Body=rows)
    predictions = json.loads(json_answer["Body"].read())["predictions"]

    scores = [r.label["score"].float32_tensor.values[0] for r in records]
    labels = [r.label["predicted_label"].float32_tensor.values[0] if "predicted_label" in r.label else None
              for r in records]
    json_labels = [p.get("predicted_label") for p in predictions]
    out[endpoint] = {
        "content_type": answer["ContentType"],
        "json_content_type": json_answer["ContentType"],
        "records": len(records),
        "label_keys": sorted({",".join(sorted(r.label.keys())) for r in records}),
        "feature_entries": sum(len(r.features) for r in records),
        "value_lengths": sorted({len(v.float32_tensor.values) for r in records for v in r.label.values()}),
        "scores": scores,
        "json_scores": [p["score"] for p in predictions],
        "predicted_labels": labels,
        "json_predicted_labels": json_labels,
        "scores_match": len(scores) == len(predictions)
                        and all(as_float32(p["score"]) == s for p, s in zip(predictions, scores)),
        "labels_match": labels == [None if j is None else float(j) for j in json_labels],
    }

print(json.dumps(out))
