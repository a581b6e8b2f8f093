using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// One host's part of a linear learner job: reads its own channel data, agrees with the other hosts on the feature
/// count and the normalisation, trains every model on its rows while averaging the models with the other hosts every
/// <see cref="LinearLearnerOptions.SyncEveryBatches"/> mini-batches and at each epoch's end, evaluates, stops early,
/// and writes the chosen model into its model folder. Every host makes the same sequence of exchanges, whatever
/// number of rows it has (a host whose rows have run out, or that has none, still joins each one).
/// </summary>
internal sealed class HostTrainer(
    TrainingCluster cluster,
    int hostIndex,
    LinearLearnerHyperparameters hyperparameters,
    IReadOnlyList<ModelSettings> grid,
    ClusterExchange exchange,
    LinearLearnerOptions options,
    TimeProvider time)
{
    private readonly TrainingHost _host = cluster.Hosts[hostIndex];
    private readonly LinearLearnerLog _log = new(cluster.Hosts[hostIndex]);

    public Task RunAsync(CancellationToken cancellationToken) => hyperparameters.Loss switch
    {
        LinearLearnerLoss.SquaredLoss => RunAsync(new SquaredLossKernel(), cancellationToken),
        LinearLearnerLoss.AbsoluteLoss => RunAsync(new AbsoluteLossKernel(), cancellationToken),
        LinearLearnerLoss.HuberLoss => RunAsync(new HuberLossKernel(hyperparameters.HuberDelta), cancellationToken),
        LinearLearnerLoss.EpsInsensitiveSquaredLoss => RunAsync(new EpsInsensitiveSquaredLossKernel(hyperparameters.LossInsensitivity), cancellationToken),
        LinearLearnerLoss.EpsInsensitiveAbsoluteLoss => RunAsync(new EpsInsensitiveAbsoluteLossKernel(hyperparameters.LossInsensitivity), cancellationToken),
        LinearLearnerLoss.QuantileLoss => RunAsync(new QuantileLossKernel(hyperparameters.Quantile), cancellationToken),
        _ => RunAsync(new LogisticLossKernel(), cancellationToken),
    };

    private async Task RunAsync<TLoss>(TLoss loss, CancellationToken cancellationToken) where TLoss : struct, ILossKernel
    {
        var train = Load("train", hyperparameters.FeatureDim, cancellationToken);
        var featureCount = await AgreeOnFeatureCountAsync(train, cancellationToken);
        var validationChannel = cluster.Channels.FirstOrDefault(c => c.Name == "validation");
        var validation = validationChannel is null ? new ChannelRows(null, 0) : Load("validation", featureCount, cancellationToken);

        // Evaluation is split among the hosts: of a replicated channel each host evaluates its share and the sums are
        // added, so the cluster evaluates every row once instead of once per host. The training pass stays per host.
        var validationShare = ShareOf(validation, validationChannel);
        var trainShare = ShareOf(train, cluster.Channels.First(c => c.Name == "train"));
        var counts = new double[] { train.Count, validationShare.Count };
        await exchange.SumAsync(hostIndex, counts, cancellationToken);
        var (totalTrain, totalValidation) = (counts[0], counts[1]);
        var hasValidation = totalValidation > 0;

        var sums = Scaling.SampleSums(train.Rows, featureCount, hyperparameters.NumPointForScaler);
        await exchange.SumAsync(hostIndex, sums, cancellationToken);
        var scaling = Scaling.FromSums(sums, featureCount, hyperparameters.NormalizeData, hyperparameters.NormalizeLabel);
        scaling.Apply(train.Rows);
        scaling.Apply(validation.Rows, validationShare);

        var bank = new ModelBank(featureCount, grid, hyperparameters, options.Seed);
        var batchSize = hyperparameters.MiniBatchSize;
        var batches = (int)((train.Count + batchSize - 1) / batchSize);
        var maxima = new double[] { batches };
        await exchange.MaxAsync(hostIndex, maxima, cancellationToken);
        var maxBatches = (int)maxima[0];
        var syncEvery = Math.Max(1, options.SyncEveryBatches);
        var decayEvery = Math.Max(1, (maxBatches + options.LrDecayStepsPerEpoch - 1) / options.LrDecayStepsPerEpoch);

        var models = grid.Count;
        var best = new BestModelTracker(models, featureCount);
        var stopping = new EarlyStopping(hyperparameters.EarlyStoppingPatience, hyperparameters.EarlyStoppingTolerance);
        var epochLosses = new double[2 * models];
        var selectionLosses = new double[models];
        var epochsTrained = 0;
        for (var epoch = 0; epoch < hyperparameters.Epochs; epoch++)
        {
            bank.ResetTrainingLoss();
            var started = time.GetTimestamp();
            var cursor = new RowCursor(train.Rows);
            for (var first = 0; first < maxBatches; first += syncEvery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long rowsSinceSync = 0;
                for (var b = first; b < Math.Min(first + syncEvery, batches); b++)
                {
                    if (hyperparameters.UseLrScheduler)
                    {
                        var decays = ((epoch * (long)maxBatches) + b) / decayEvery;
                        bank.ScaleLearningRates(MathF.Pow(options.LrDecayFactor, decays), options.MinimumLearningRate);
                    }

                    rowsSinceSync += cursor.TrainBatch(bank, loss, batchSize);
                }

                await exchange.AverageAsync(hostIndex, bank.Parameters, rowsSinceSync, cancellationToken);
            }

            var seconds = time.GetElapsedTime(started).TotalSeconds;
            epochsTrained++;

            Array.Clear(epochLosses);
            bank.TrainingLossSums.CopyTo(epochLosses);
            if (validation.Rows is { } validationRows)
                bank.Evaluate(loss, validationRows, validationShare, epochLosses.AsSpan(models, models));
            await exchange.SumAsync(hostIndex, epochLosses, cancellationToken);

            var trainBest = MeanLosses(epochLosses.AsSpan(0, models), totalTrain, selectionLosses);
            _log.Objective(epoch, "train", hyperparameters.Loss, trainBest);
            if (hasValidation)
            {
                var validationBest = MeanLosses(epochLosses.AsSpan(models, models), totalValidation, selectionLosses);
                _log.Objective(epoch, "validation", hyperparameters.Loss, validationBest);
            }

            // selectionLosses now holds the validation losses when there is a validation channel, else the training ones.
            best.Observe(epoch, selectionLosses, bank);
            _log.Progress(epoch + 1, hyperparameters.Epochs);
            _log.Throughput(seconds > 0 ? train.Count / seconds : 0);

            if (epoch + 1 < hyperparameters.Epochs && stopping.ShouldStop(Min(selectionLosses)))
            {
                _log.EarlyStop(epoch, hyperparameters.EarlyStoppingPatience, hyperparameters.EarlyStoppingTolerance);
                break;
            }
        }

        if (!best.HasModel)
            throw new AlgorithmErrorException(
                "Linear learner: every model's loss diverged (not a finite number); try a smaller learning_rate or normalize_data=true.");

        var chosen = Chosen(best, hasValidation, epochsTrained);
        _log.Chosen(chosen);
        await LogFinalMetricsAsync(best, scaling, hasValidation ? (validation.Rows, validationShare) : (train.Rows, trainShare), hasValidation,
            cancellationToken);
        Artifact(best, scaling, featureCount, chosen).Write(_host.Folders.Model);
    }

    private ChannelRows Load(string channel, int? featureDim, CancellationToken cancellationToken)
    {
        var input = cluster.Channels.First(c => c.Name == channel);
        var rows = ChannelLoader.Load(_host.Folders.Channel(channel), input, featureDim, hyperparameters.PredictorType, cancellationToken);
        _log.Data(channel, rows.Files, rows.Count);
        return rows;
    }

    private async Task<int> AgreeOnFeatureCountAsync(ChannelRows train, CancellationToken cancellationToken)
    {
        // [widest, −narrowest] over the hosts that have rows.
        var widths = train.Rows is { } rows
            ? new double[] { rows.FeatureCount, -rows.FeatureCount }
            : [0, double.NegativeInfinity];
        await exchange.MaxAsync(hostIndex, widths, cancellationToken);
        if (widths[0] == 0)
            throw new AlgorithmErrorException("Linear learner found no rows in the train channel (on any host).");
        if (-widths[1] != widths[0])
            throw new AlgorithmErrorException(
                $"Linear learner: the hosts' train data disagree on the number of features ({-widths[1]} and {widths[0]}).");
        return (int)widths[0];
    }

    /// <summary>
    /// The rows of a channel this host evaluates: of a FullyReplicated channel (the same rows on every host), its
    /// <see cref="RowRange.Share"/>; of a sharded one, all its own rows.
    /// </summary>
    private RowRange ShareOf(ChannelRows rows, ChannelInput? channel) =>
        channel?.DistributionType == "FullyReplicated"
            ? RowRange.Share(rows.Count, hostIndex, cluster.Hosts.Count)
            : RowRange.All(rows.Rows);

    /// <summary>Writes each model's mean loss into <paramref name="means"/> and returns the lowest finite one.</summary>
    private static double MeanLosses(ReadOnlySpan<double> sums, double rows, Span<double> means)
    {
        for (var m = 0; m < sums.Length; m++)
            means[m] = rows > 0 ? sums[m] / rows : double.NaN;
        return Min(means);
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        var min = double.NaN;
        foreach (var value in values)
            if (double.IsFinite(value) && !(value >= min))
                min = value;
        return min;
    }

    private ChosenModel Chosen(BestModelTracker best, bool byValidation, int epochsTrained)
    {
        var settings = grid[best.Model];
        return new ChosenModel(settings.Index, settings.LearningRate, settings.Wd, settings.L1,
            hyperparameters.Optimizer.ToString().ToLowerInvariant(), LinearLearnerLog.LossName(hyperparameters.Loss),
            hyperparameters.MiniBatchSize, epochsTrained, byValidation ? "validation" : "train", best.Loss, best.Epoch);
    }

    private ModelArtifact Artifact(BestModelTracker best, Scaling scaling, int featureCount, ChosenModel chosen) => new()
    {
        PredictorType = hyperparameters.PredictorType,
        FeatureDim = featureCount,
        Weights = best.Weights,
        Bias = best.Bias,
        FeatureMean = scaling.FeatureMean,
        FeatureStd = scaling.FeatureStd,
        LabelMean = scaling.LabelMean,
        LabelStd = scaling.LabelStd,
        Model = chosen,
        Candidates = grid.Select(s => new CandidateModel(s.Index, s.LearningRate, s.Wd, s.L1,
            double.IsFinite(best.BestLoss(s.Index)) ? best.BestLoss(s.Index) : double.MaxValue, best.BestEpoch(s.Index))).ToList(),
    };

    /// <summary>The chosen model's metrics on the original label scale, summed over the hosts' shares of the rows.</summary>
    private async Task LogFinalMetricsAsync(BestModelTracker best, Scaling scaling, (RowSet? Rows, RowRange Share) data, bool hasValidation,
        CancellationToken cancellationToken)
    {
        var dataset = hasValidation ? "validation" : "train";
        var sums = FinalMetrics.Sums(best.Weights, best.Bias, scaling, data.Rows, data.Share, hyperparameters.PredictorType);
        await exchange.SumAsync(hostIndex, sums, cancellationToken);
        var rows = Math.Max(sums[0], 1);
        if (hyperparameters.PredictorType == PredictorType.Regressor)
        {
            _log.FinalMetric(dataset, "mse", "loss", sums[1] / rows);
            _log.FinalMetric(dataset, "absolute_loss", "loss", sums[2] / rows);
        }
        else
        {
            _log.FinalMetric(dataset, "binary_classification_accuracy", "score", sums[1] / rows);
            _log.FinalMetric(dataset, "binary_classification_cross_entropy", "loss", sums[2] / rows);
        }
    }
}
