using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pipeline.ServiceDefaults;

/// <summary>Where sagas are kept (<c>Saga:Store</c>): in memory (lost with the process) or in a DynamoDB table.</summary>
public sealed class SagaStoreOptions
{
    public const string Section = "Saga";
    public const string InMemoryStore = "InMemory";
    public const string DynamoDbStore = "DynamoDb";

    [Required, AllowedValues(InMemoryStore, DynamoDbStore, ErrorMessage = "Saga:Store must be InMemory or DynamoDb.")]
    public string Store { get; set; } = InMemoryStore;

    [ValidateObjectMembers]
    public DynamoDbSagaStoreOptions DynamoDb { get; set; } = new();
}

/// <summary><c>Saga:DynamoDb</c>: the table and where DynamoDB answers; credentials come from the AWS SDK's standard chain.</summary>
public sealed class DynamoDbSagaStoreOptions
{
    [Required, StringLength(255, MinimumLength = 3, ErrorMessage = "Saga:DynamoDb:TableName must be 3-255 characters.")]
    [RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "Saga:DynamoDb:TableName may hold only letters, digits, '_', '-' and '.'.")]
    public string TableName { get; set; } = "pipeline-sagas";

    public string Region { get; set; } = "us-east-1";

    /// <summary>DynamoDB's endpoint (moto_server's, say); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Create the table at start when it is missing (local runs); in AWS the infrastructure owns it.</summary>
    public bool CreateTable { get; set; }

    /// <summary>
    /// Send the saga's writes one at a time (local runs on moto_server, whose conditional writes are not atomic; see
    /// the README). Holds within one process only: run one Coordinator against moto.
    /// </summary>
    public bool WritesOneAtATime { get; set; }
}
