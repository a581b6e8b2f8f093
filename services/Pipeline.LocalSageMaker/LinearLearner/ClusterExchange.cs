namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// The in-process all-reduce the hosts of one job synchronise through (the stand-in for the parameter server / kvstore
/// of distributed training). Every host calls the same operations in the same order; each call returns when all hosts
/// have made it, with the combined result written into every host's array by the last to arrive. A host that fails
/// cancels the job's token, which releases the others.
/// </summary>
internal sealed class ClusterExchange
{
    private readonly object _gate = new();
    private readonly int _hosts;
    private readonly double[]?[] _sums;
    private readonly float[]?[] _parameters;
    private readonly double[] _weights;
    private int _arrived;
    private TaskCompletionSource _round = NewRound();

    public ClusterExchange(int hosts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hosts);
        _hosts = hosts;
        _sums = new double[]?[hosts];
        _parameters = new float[]?[hosts];
        _weights = new double[hosts];
    }

    /// <summary>Element-wise sum over the hosts; <paramref name="values"/> holds the totals afterwards.</summary>
    public Task SumAsync(int host, double[] values, CancellationToken cancellationToken)
    {
        _sums[host] = values;
        return ArriveAsync(() => CombineElementwise(static (a, b) => a + b), cancellationToken);
    }

    /// <summary>Element-wise maximum over the hosts; <paramref name="values"/> holds the maxima afterwards.</summary>
    public Task MaxAsync(int host, double[] values, CancellationToken cancellationToken)
    {
        _sums[host] = values;
        return ArriveAsync(() => CombineElementwise(Math.Max), cancellationToken);
    }

    /// <summary>
    /// Model averaging: every host's <paramref name="parameters"/> become the average of all hosts', each weighted by
    /// <paramref name="weight"/> (the rows it trained on since the last synchronisation; a host that had none counts
    /// for nothing). When no host trained, the plain average.
    /// </summary>
    public Task AverageAsync(int host, float[] parameters, double weight, CancellationToken cancellationToken)
    {
        _parameters[host] = parameters;
        _weights[host] = weight;
        return ArriveAsync(CombineParameters, cancellationToken);
    }

    private Task ArriveAsync(Action combine, CancellationToken cancellationToken)
    {
        TaskCompletionSource round;
        lock (_gate)
        {
            round = _round;
            if (++_arrived < _hosts)
                return round.Task.WaitAsync(cancellationToken);
            _arrived = 0;
            _round = NewRound();
        }

        combine();
        round.SetResult();
        return Task.CompletedTask;
    }

    /// <summary>Combines every host's values element by element into the first host's array, then copies it to the others.</summary>
    private void CombineElementwise(Func<double, double, double> combine)
    {
        var total = _sums[0]!;
        for (var h = 1; h < _hosts; h++)
        {
            var values = _sums[h]!;
            for (var i = 0; i < total.Length; i++)
                total[i] = combine(total[i], values[i]);
        }

        for (var h = 1; h < _hosts; h++)
            total.CopyTo(_sums[h]!, 0);
    }

    private void CombineParameters()
    {
        if (_hosts == 1)
            return;
        var totalWeight = 0.0;
        for (var h = 0; h < _hosts; h++)
            totalWeight += _weights[h];

        var average = _parameters[0]!;
        var first = totalWeight > 0 ? (float)(_weights[0] / totalWeight) : 1f / _hosts;
        if (first == 0f)
            Array.Clear(average);
        else
            for (var i = 0; i < average.Length; i++)
                average[i] *= first;
        for (var h = 1; h < _hosts; h++)
        {
            var share = totalWeight > 0 ? (float)(_weights[h] / totalWeight) : 1f / _hosts;
            var values = _parameters[h]!;
            if (share == 0f)
                continue;
            for (var i = 0; i < average.Length; i++)
                average[i] += share * values[i];
        }

        for (var h = 1; h < _hosts; h++)
            average.CopyTo(_parameters[h]!, 0);
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
