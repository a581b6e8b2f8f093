namespace Pipeline.Deploy;

/// <summary>What a service does on AWS besides messaging; each maps to the task role statements that allow exactly that.</summary>
internal enum AwsAccess
{
    /// <summary>Reads and writes objects under the experiment prefix of the data bucket (the object store, Storage:Kind=S3).</summary>
    ExperimentObjects,

    /// <summary>CreateTrainingJob (with tags, passing the execution role), DescribeTrainingJob, StopTrainingJob.</summary>
    TrainingJobs,

    /// <summary>DescribeTrainingJob and the training jobs' CloudWatch Logs (DescribeLogStreams, GetLogEvents).</summary>
    TrainingJobStatus,

    /// <summary>Models, endpoint configs and endpoints: create (with tags, passing the execution role), describe, delete.</summary>
    Hosting,

    /// <summary>InvokeEndpoint, and batch transform jobs (Evaluator:Mode batch-transform).</summary>
    Evaluation,

    /// <summary>GetItem and conditional PutItem on the saga table.</summary>
    SagaTable,
}
