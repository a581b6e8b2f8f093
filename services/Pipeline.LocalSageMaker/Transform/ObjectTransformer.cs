using System.IO.Compression;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// What one transform instance does with one input object: reads it (gunzipped for CompressionType Gzip), cuts it
/// into requests (<see cref="MiniBatches"/>), has the model answer them, up to MaxConcurrentTransforms at once, with
/// the same inference code an endpoint instance's /invocations runs, and writes the answers in input order to
/// <c>&lt;S3OutputPath&gt;/&lt;name&gt;.out</c>, a line break after each when AssembleWith is Line. A request the
/// model refuses fails the job, naming the object and, for a malformed line, the record.
/// </summary>
public sealed class ObjectTransformer(IObjectStore store, IModelInference inference, TransformJob job)
{
    private readonly bool _splitLines = job.Request.TransformInput!.SplitType == "Line";
    private readonly bool _multiRecord = job.Request.BatchStrategy == "MultiRecord";
    private readonly bool _gzip = job.Request.TransformInput!.CompressionType == "Gzip";
    private readonly bool _assembleLines = job.Request.TransformOutput!.AssembleWith == "Line";
    private readonly string? _contentType = job.Request.TransformInput!.ContentType;
    private readonly string? _accept = job.Request.TransformOutput!.Accept;
    private readonly string _outputPath = job.Request.TransformOutput!.S3OutputPath!;

    /// <returns>The records read and the requests made.</returns>
    /// <exception cref="TransformFailedException">The object cannot be transformed; the message is the job's FailureReason.</exception>
    public async Task<(int Records, int Requests)> TransformAsync(TransformInputObject input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = await ReadAsync(input.Uri, cancellationToken).ConfigureAwait(false);
        var batches = MiniBatches.Split(data.Span, _splitLines, _multiRecord, job.MaxPayloadBytes, input.Uri);
        var answers = new byte[batches.Count][];
        await Parallel.ForAsync(0, batches.Count,
            new ParallelOptions { MaxDegreeOfParallelism = job.MaxConcurrentTransforms, CancellationToken = cancellationToken },
            (i, _) =>
            {
                answers[i] = Invoke(data, batches[i], input.Uri);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

        await store.WriteAsync(input.OutputUri(_outputPath), async (stream, ct) =>
        {
            foreach (var answer in answers)
            {
                await stream.WriteAsync(answer, ct).ConfigureAwait(false);
                if (_assembleLines && (answer.Length == 0 || answer[^1] != (byte)'\n'))
                    stream.WriteByte((byte)'\n');
            }
        }, cancellationToken).ConfigureAwait(false);
        var records = batches.Count == 0 ? 0 : batches[^1].FirstRecord + batches[^1].Records - 1;
        return (records, batches.Count);
    }

    private byte[] Invoke(ReadOnlyMemory<byte> data, MiniBatch batch, string uri)
    {
        try
        {
            return Answer(data.Slice(batch.Start, batch.Length));
        }
        catch (InvalidInputException e) when (e.StatusCode == 400 && _splitLines)
        {
            throw Locate(data, batch, uri, e);
        }
        catch (InvalidInputException e)
        {
            throw new TransformFailedException($"ClientError: The model refused the requests for {uri} (status {e.StatusCode}): {e.Message}", e);
        }
    }

    private byte[] Answer(ReadOnlyMemory<byte> body)
    {
        using var output = new PooledBuffer(Math.Max(4096, body.Length / 4));
        inference.Invoke(body, _contentType, _accept, output);
        return output.Written.ToArray();
    }

    /// <summary>A request of several lines was refused: sends its records one by one to find the first the model refuses.</summary>
    private TransformFailedException Locate(ReadOnlyMemory<byte> data, MiniBatch batch, string uri, InvalidInputException batchError)
    {
        foreach (var (record, start, length) in MiniBatches.Records(data, batch))
        {
            try
            {
                Answer(data.Slice(start, length));
            }
            catch (InvalidInputException e)
            {
                return new TransformFailedException($"ClientError: {InRecordTerms(e.Message, record, uri)}", e);
            }
        }

        return new TransformFailedException($"ClientError: Records {batch.FirstRecord}-{batch.FirstRecord + batch.Records - 1} of {uri} were refused: {batchError.Message}", batchError);
    }

    /// <summary>The model numbers the rows of its one-record request ("Row 1, column 2: ..."); the job names the record in the object.</summary>
    private static string InRecordTerms(string message, int record, string uri)
    {
        const string FirstRow = "Row 1";
        var where = $"Record {record} of {uri}";
        return message.StartsWith(FirstRow, StringComparison.Ordinal) && (message.Length == FirstRow.Length || !char.IsAsciiDigit(message[FirstRow.Length]))
            ? where + message[FirstRow.Length..]
            : $"{where}: {message}";
    }

    private async Task<ReadOnlyMemory<byte>> ReadAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            var source = await store.OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                if (_gzip)
                {
                    var gzip = new GZipStream(source, CompressionMode.Decompress);
                    await using (gzip.ConfigureAwait(false))
                        await gzip.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                }

                return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            }
        }
        catch (InvalidDataException e)
        {
            throw new TransformFailedException($"ClientError: {uri} is not gzip data (CompressionType Gzip): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Amazon.Runtime.AmazonServiceException)
        {
            throw new TransformFailedException($"ClientError: Could not read {uri}: {e.Message}", e);
        }
    }
}
