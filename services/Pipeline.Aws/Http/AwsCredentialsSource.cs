using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Pipeline.Aws.Http;

/// <summary>
/// The credentials requests are signed with: given ones, or what the SDK's standard chain finds (environment,
/// profile, web identity, ECS container role, EC2 instance metadata), looked up on first use and refreshed by the
/// SDK as they expire.
/// </summary>
public sealed class AwsCredentialsSource : IDisposable
{
    private readonly DefaultAWSCredentialsIdentityResolver? _chain;
    private AWSCredentials? _credentials;

    public AwsCredentialsSource(AWSCredentials credentials) =>
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));

    private AwsCredentialsSource(DefaultAWSCredentialsIdentityResolver chain) => _chain = chain;

    public static AwsCredentialsSource StandardChain() => new(new DefaultAWSCredentialsIdentityResolver());

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        // A failed lookup is not remembered: the next call tries again (a role may not be ready yet at start-up).
        var credentials = _credentials ??= await _chain!.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }

    public void Dispose() => _chain?.Dispose();
}
