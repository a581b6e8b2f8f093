"""The seed notebook's data preparation, run by pandas, as the fidelity reference for the C# transform.

Usage: notebook_transform.py <gdelt file> <output prefix> <seed>

transform_gdelt is the notebook's code verbatim. Three changes, each a documented decision of the project:
- the file is read with header=None (the notebook loses the first row of every year file);
- the one-hot columns are fixed to the vocabulary (the notebook's get_dummies drops a code absent after filtering);
- rows with a missing coordinate are dropped before the shuffle (the notebook would train on NaN).
Writes <prefix>.train and <prefix>.validation (float32, label first, row-major, in the notebook's shuffled order),
and <prefix>.json (vocabulary, counts at the vocabulary's edge, rows dropped for missing coordinates).
"""
import json
import warnings
import sys

import numpy as np
import pandas as pd

COLUMNS = [
    'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate', 'Actor1Code', 'Actor1Name', 'Actor1CountryCode',
    'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code',
    'Actor1Type2Code', 'Actor1Type3Code', 'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode',
    'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code',
    'Actor2Type3Code', 'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
    'NumMentions', 'NumSources', 'NumArticles', 'AvgTone', 'Actor1Geo_Type', 'Actor1Geo_FullName',
    'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
    'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_Lat',
    'Actor2Geo_Long', 'Actor2Geo_FeatureID', 'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode',
    'ActionGeo_ADM1Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID', 'DATEADDED', 'SOURCEURL',
]


def transform_gdelt(df, events=None):
    df = df[['AvgTone', 'EventCode', 'NumArticles', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor2Geo_Lat', 'Actor2Geo_Long']]
    df['EventCode'] = df['EventCode'].astype(object)
    if events is not None:
        df = df[np.in1d(df['EventCode'], events)]
    return pd.get_dummies(df[((df['Actor1Geo_Lat'] == 0) & (df['Actor1Geo_Long'] == 0) != True) &
                                   ((df['Actor2Geo_Lat'] == 0) & (df['Actor2Geo_Long'] == 0) != True)])


def main(path, prefix, seed):
    pd.options.mode.chained_assignment = None
    warnings.simplefilter('ignore', FutureWarning)
    data = pd.read_csv(path, sep='\t', header=None, names=COLUMNS, low_memory=False)
    counts = pd.crosstab(index=data['EventCode'], columns='count').sort_values(by='count', ascending=False)
    events = counts.index[:20]

    model_data = transform_gdelt(data, events)
    dummies = ['EventCode_{}'.format(code) for code in sorted(int(e) for e in events)]
    for column in dummies:
        if column not in model_data.columns:
            model_data[column] = 0
    model_data = model_data[['AvgTone', 'NumArticles', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor2Geo_Lat', 'Actor2Geo_Long'] + dummies]
    missing = int(model_data.isna().any(axis=1).sum())
    model_data = model_data.dropna()

    train_data, validation_data = np.split(model_data.sample(frac=1, random_state=seed).to_numpy(dtype=np.float64),
                                           [int(0.9 * len(model_data))])
    train_data.astype('float32').tofile(prefix + '.train')
    validation_data.astype('float32').tofile(prefix + '.validation')
    edge = [int(c) for c in counts['count'].iloc[19:21]]
    with open(prefix + '.json', 'w') as f:
        json.dump({'vocabulary': sorted(int(e) for e in events), 'edgeCounts': edge,
                   'counts': {str(int(k)): int(v) for k, v in counts['count'].items()},
                   'missingCoordinates': missing, 'rows': len(data)}, f)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
