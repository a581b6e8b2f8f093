using Pipeline.Storage;

namespace Pipeline.Evaluator;

/// <summary>
/// Where an evaluation saves its predictions: beside the test set, <c>&lt;prefix&gt;/predictions/&lt;experiment
/// id&gt;/&lt;variant&gt;.csv</c>, the prefix being the folder that holds the test set's <c>test/</c> folder (as the
/// Ingestor lays it out: <c>&lt;prefix&gt;/test/1984.data</c>), or the test object's own folder when it is not in one
/// named <c>test</c>. The experiment id keeps runs that share a prepared dataset (and the notebook's fixed prefix)
/// from overwriting each other's files.
/// </summary>
public static class PredictionsLocation
{
    public static string For(string testObject, Guid experimentId, string variant)
    {
        var test = S3Uri.Parse(testObject);
        var slash = test.Key.LastIndexOf('/');
        var folder = slash < 0 ? "" : test.Key[..slash];
        if (folder == "test")
            folder = "";
        else if (folder.EndsWith("/test", StringComparison.Ordinal))
            folder = folder[..^"/test".Length];
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return new S3Uri(test.Bucket, $"{prefix}predictions/{experimentId:N}/{variant}.csv").ToString();
    }
}
