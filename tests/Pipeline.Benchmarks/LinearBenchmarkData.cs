using System.Runtime.InteropServices;
using Pipeline.Data.RecordIO;

namespace Pipeline.Benchmarks;

/// <summary>
/// A linear signal plus Gaussian noise of variance <see cref="NoiseVariance"/> over 25 features of assorted means and
/// scales (so normalisation matters), written as RecordIO-protobuf for linear learner and as float32 rows (label
/// first) for the scikit-learn reference. The best MSE any model can reach is the noise variance.
/// </summary>
internal sealed class LinearBenchmarkData
{
    public const int Features = 25;
    public const double NoiseVariance = 1.0;

    private readonly Random _random;
    private readonly double[] _mean = new double[Features];
    private readonly double[] _scale = new double[Features];
    private readonly double[] _weights = new double[Features];
    private const double Intercept = 3.0;

    public LinearBenchmarkData(int seed)
    {
        _random = new Random(seed);
        for (var d = 0; d < Features; d++)
        {
            _mean[d] = (_random.NextDouble() * 10) - 5;
            _scale[d] = 0.5 + (_random.NextDouble() * 4.5);
            _weights[d] = ((_random.NextDouble() * 2) - 1) / _scale[d];
        }
    }

    /// <summary>Writes <paramref name="rows"/> rows to <paramref name="recordIoPath"/> and <paramref name="rawPath"/>.</summary>
    public void Write(string recordIoPath, string rawPath, int rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(recordIoPath)!);
        using var recordIo = new RecordIoWriter(File.Create(recordIoPath));
        using var raw = new BufferedStream(File.Create(rawPath), 1 << 20);
        var row = new float[Features + 1];
        for (var r = 0; r < rows; r++)
        {
            var y = Intercept + (Normal() * Math.Sqrt(NoiseVariance));
            for (var d = 0; d < Features; d++)
            {
                var x = (float)(_mean[d] + (_scale[d] * Normal()));
                row[d + 1] = x;
                y += _weights[d] * x;
            }

            row[0] = (float)y;
            recordIo.WriteDense(row.AsSpan(1), row[0]);
            raw.Write(MemoryMarshal.AsBytes(row.AsSpan()));
        }
    }

    private double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
