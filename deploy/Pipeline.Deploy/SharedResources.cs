using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;

namespace Pipeline.Deploy;

/// <summary>What more than one service uses: the messaging, the data bucket and its experiment prefix, the saga table, the SageMaker role.</summary>
internal sealed record SharedResources(Messaging Messaging, IBucket Bucket, string ExperimentPrefix, ITable SagaTable, IRole SageMakerExecutionRole);
