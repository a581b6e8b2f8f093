using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>How LocalSageMaker runs the built-in XGBoost algorithm: section "LocalSageMaker:XGBoost".</summary>
public sealed class XGBoostOptions
{
    public const string Section = "LocalSageMaker:XGBoost";
    public const string PythonKey = Section + ":Python";

    /// <summary>
    /// The Python that runs the tracker and every host's training script; it needs XGBoost 1.7 (Debian's
    /// python3-xgboost is installed for <c>/usr/bin/python3</c>, which is why that and not the python3 on PATH).
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "LocalSageMaker:XGBoost:Python must name a Python executable.")]
    public string Python { get; set; } = "/usr/bin/python3";
}
