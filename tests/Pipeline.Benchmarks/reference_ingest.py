"""The reference for the ingestion benchmark: one GDELT year the way the seed notebook prepares it.

Usage: reference_ingest.py <gdelt file> <output folder> <seed>

Runs with Debian's python3-pandas and python3-protobuf (apt-get install -y python3-pandas python3-protobuf); the
SageMaker SDK is not needed. What it does, in the notebook's order:
- pd.read_csv(sep='\\t', header=None) of the whole year (header=None: the notebook loses each file's first row);
- the vocabulary from pd.crosstab of EventCode, the 20 most frequent codes;
- transform_gdelt, the notebook's function verbatim (imported from the fidelity test's notebook_transform.py), with
  the project's two documented decisions applied as in that test: one-hot columns fixed to the vocabulary and rows
  with a missing coordinate dropped;
- model_data.sample(frac=1, random_state=seed) and np.split at 90 %;
- train and validation written as the SDK's write_numpy_to_dense_tensor writes them: one aialgs.data.Record per
  row (features["values"] and label["values"] Float32Tensors), SerializeToString, RecordIO framing with
  struct.pack per record, into an io.BytesIO buffer (the notebook then uploads the buffer; here it becomes a file,
  <output>/train.data and <output>/validation.data).

Prints one JSON object on stdout: rows read and kept, seconds per stage and in all (from read_csv to the last file
written; interpreter start-up and imports excluded), and peak RSS (getrusage ru_maxrss).
"""
import io
import json
import os
import resource
import struct
import sys
import time
import warnings

import numpy as np
import pandas as pd
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Pipeline.Data.Tests', 'Fidelity'))
from notebook_transform import COLUMNS, transform_gdelt  # noqa: E402  (the notebook's code)


def record_class():
    """aialgs.data.Record (the SDK's record_pb2) built from a descriptor: the fields dense float32 rows use."""
    proto = descriptor_pb2.FileDescriptorProto(name='benchmark_record.proto', package='aialgs.data', syntax='proto2')
    F = descriptor_pb2.FieldDescriptorProto
    tensor = proto.message_type.add(name='Float32Tensor')
    tensor.field.add(name='values', number=1, type=F.TYPE_FLOAT, label=F.LABEL_REPEATED).options.packed = True
    tensor.field.add(name='keys', number=2, type=F.TYPE_UINT64, label=F.LABEL_REPEATED).options.packed = True
    tensor.field.add(name='shape', number=3, type=F.TYPE_UINT64, label=F.LABEL_REPEATED).options.packed = True
    value = proto.message_type.add(name='Value')
    value.oneof_decl.add(name='value')
    value.field.add(name='float32_tensor', number=2, type=F.TYPE_MESSAGE, type_name='.aialgs.data.Float32Tensor',
                    label=F.LABEL_OPTIONAL, oneof_index=0)
    record = proto.message_type.add(name='Record')
    for name, number in (('features', 1), ('label', 2)):
        entry = record.nested_type.add(name=name.capitalize() + 'Entry')
        entry.options.map_entry = True
        entry.field.add(name='key', number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
        entry.field.add(name='value', number=2, type=F.TYPE_MESSAGE, type_name='.aialgs.data.Value', label=F.LABEL_OPTIONAL)
        record.field.add(name=name, number=number, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED,
                         type_name='.aialgs.data.Record.' + entry.name)
    for name, number in (('uid', 3), ('metadata', 4), ('configuration', 5)):
        record.field.add(name=name, number=number, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    descriptor = pool.FindMessageTypeByName('aialgs.data.Record')
    if hasattr(message_factory, 'GetMessageClass'):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


Record = record_class()

# sagemaker/amazon/common.py
_kmagic = 0xCED7230A
padding = {amount: bytearray([0x00 for _ in range(amount)]) for amount in range(4)}


def _write_recordio(f, data):
    length = len(data)
    f.write(struct.pack('I', _kmagic))
    f.write(struct.pack('I', length))
    pad = (((length + 3) >> 2) << 2) - length
    f.write(data)
    f.write(padding[pad])


def write_numpy_to_dense_tensor(file, array, labels=None):
    """The SDK's function for a float32 matrix and float32 labels (its type dispatch reduced to Float32)."""
    if not len(array.shape) == 2:
        raise ValueError('Array must be a Matrix')
    record = Record()
    for index, vector in enumerate(array):
        record.Clear()
        record.features['values'].float32_tensor.values.extend(vector)
        if labels is not None:
            record.label['values'].float32_tensor.values.extend([labels[index]])
        _write_recordio(file, record.SerializeToString())


def write_object(path, X, y):
    """The notebook's write_to_s3, with a file in place of the S3 upload."""
    buf = io.BytesIO()
    write_numpy_to_dense_tensor(buf, X.astype('float32'), y.astype('float32'))
    buf.seek(0)
    with open(path, 'wb') as f:
        f.write(buf.getbuffer())


def main(path, out, seed):
    pd.options.mode.chained_assignment = None
    warnings.simplefilter('ignore')
    stages = {}
    start = clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        stages[name] = now - clock
        clock = now

    data = pd.read_csv(path, sep='\t', header=None, names=COLUMNS)
    lap('read_csv')
    events = pd.crosstab(index=data['EventCode'], columns='count').sort_values(by='count', ascending=False).index[:20]
    lap('vocabulary')

    model_data = transform_gdelt(data, events)
    dummies = ['EventCode_{}'.format(code) for code in sorted(int(e) for e in events)]
    for column in dummies:
        if column not in model_data.columns:
            model_data[column] = 0
    model_data = model_data[['AvgTone', 'NumArticles', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor2Geo_Lat',
                             'Actor2Geo_Long'] + dummies].dropna()
    rows_read = len(data)
    del data
    lap('transform')

    train_data, validation_data = np.split(model_data.sample(frac=1, random_state=seed).to_numpy(dtype=np.float64),
                                           [int(0.9 * len(model_data))])
    lap('sample_split')
    write_object(os.path.join(out, 'train.data'), train_data[:, 1:], train_data[:, 0])
    write_object(os.path.join(out, 'validation.data'), validation_data[:, 1:], validation_data[:, 0])
    lap('recordio')

    json.dump({
        'rowsRead': rows_read,
        'rowsKept': len(model_data),
        'trainRows': len(train_data),
        'validationRows': len(validation_data),
        'vocabulary': sorted(int(e) for e in events),
        'seconds': time.perf_counter() - start,
        'stages': stages,
        'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
