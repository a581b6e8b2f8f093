using System.ComponentModel.DataAnnotations;
using Pipeline.Storage.S3;

namespace Pipeline.Storage;

/// <summary>Where objects live: section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Local (a folder, <see cref="Root"/>) or S3 (<see cref="S3"/>).</summary>
    [Required(ErrorMessage = "Storage:Kind is required: Local or S3.")]
    public StorageKind? Kind { get; set; }

    /// <summary>The folder that holds one sub-folder per bucket, when <see cref="Kind"/> is Local.</summary>
    public string? Root { get; set; }

    public S3StorageOptions S3 { get; set; } = new();
}

public enum StorageKind
{
    Local,
    S3,
}
