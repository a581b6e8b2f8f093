using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker;

/// <summary>Where and as whom LocalSageMaker runs its training jobs: section "LocalSageMaker".</summary>
public sealed class LocalSageMakerOptions
{
    public const string Section = "LocalSageMaker";

    /// <summary>
    /// The folder under which every job gets a folder of its own holding one tree per host (algo-1 ..). Empty means
    /// a folder under the system's temporary folder.
    /// </summary>
    public string? WorkRoot { get; set; }

    /// <summary>The region in ARNs.</summary>
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$", ErrorMessage = "LocalSageMaker:Region must be a region name such as us-east-1.")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account in ARNs.</summary>
    [RegularExpression("^[0-9]{12}$", ErrorMessage = "LocalSageMaker:AccountId must be 12 digits.")]
    public string AccountId { get; set; } = "000000000000";

    /// <summary>Keep a job's host folders after it ends (to look at what the hosts saw); by default they are deleted.</summary>
    public bool KeepJobFolders { get; set; }

    /// <summary>Objects downloaded at once per channel.</summary>
    [Range(1, 64, ErrorMessage = "LocalSageMaker:DownloadConcurrency must be 1-64.")]
    public int DownloadConcurrency { get; set; } = 4;

    /// <summary>
    /// Training jobs that run at once; the others wait in InProgress/Starting until a running one ends. The simulated
    /// instances of every job share this machine's cores, so two jobs side by side would each measure the other's
    /// load; one at a time (the default) keeps each job's training time its own.
    /// </summary>
    [Range(1, 64, ErrorMessage = "LocalSageMaker:MaxConcurrentTrainingJobs must be 1-64.")]
    public int MaxConcurrentTrainingJobs { get; set; } = 1;

    /// <summary>Events a log stream keeps; beyond it the oldest go (paging tokens stay valid).</summary>
    [Range(100, 10_000_000, ErrorMessage = "LocalSageMaker:MaxEventsPerLogStream must be 100-10,000,000.")]
    public int MaxEventsPerLogStream { get; set; } = 100_000;

    /// <summary>
    /// Host names (besides loopback addresses and localhost) that requests may be addressed to, on the main port and on
    /// every endpoint instance's port; any other Host header is refused with 403, which keeps a web page from reaching
    /// LocalSageMaker through DNS rebinding. Name the machine's own name or address here to serve other machines.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Endpoint instances get their model folders here.</summary>
    public string EndpointsRoot => Path.Combine(ResolvedWorkRoot, "endpoints");

    /// <summary>Transform jobs get their input and output folders here.</summary>
    public string TransformRoot => Path.Combine(ResolvedWorkRoot, "transform");

    public string ResolvedWorkRoot =>
        string.IsNullOrWhiteSpace(WorkRoot) ? Path.Combine(Path.GetTempPath(), "pipeline-localsagemaker") : Path.GetFullPath(WorkRoot);
}
