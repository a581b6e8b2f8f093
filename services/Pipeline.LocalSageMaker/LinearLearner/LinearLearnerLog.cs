using System.Globalization;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>A host's log lines, in the formats the built-in linear learner writes (DOMAIN.md section 4).</summary>
internal sealed class LinearLearnerLog(TrainingHost host)
{
    public void Data(string channel, int files, long records) =>
        Write($"#data: host={host.Name}, channel={channel}, files={files}, records={records}");

    /// <summary><c>#quality_metric: host=algo-1, epoch=0, train absolute_loss_objective &lt;loss&gt;=0.53</c></summary>
    public void Objective(int epoch, string dataset, LinearLearnerLoss loss, double value) =>
        Write($"#quality_metric: host={host.Name}, epoch={epoch}, {dataset} {LossName(loss)}_objective <loss>={Number(value)}");

    /// <summary><c>#progress_metric: host=algo-1, completed 50 % of epochs</c></summary>
    public void Progress(int epochsDone, int epochs) =>
        Write($"#progress_metric: host={host.Name}, completed {epochsDone * 100 / epochs} % of epochs");

    /// <summary><c>#throughput_metric: host=algo-1, train throughput=123456.0 records/second</c></summary>
    public void Throughput(double recordsPerSecond) =>
        Write($"#throughput_metric: host={host.Name}, train throughput={recordsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)} records/second");

    /// <summary><c>#quality_metric: host=algo-1, validation mse &lt;loss&gt;=...</c> (metrics of the chosen model).</summary>
    public void FinalMetric(string dataset, string metric, string kind, double value) =>
        Write($"#quality_metric: host={host.Name}, {dataset} {metric} <{kind}>={Number(value)}");

    public void EarlyStop(int epoch, int patience, double tolerance) =>
        Write($"#early_stopping: host={host.Name}, stopped after epoch={epoch}: no improvement above relative tolerance {Number(tolerance)} for {patience} epochs");

    public void Chosen(ChosenModel model) =>
        Write($"#model_selection: host={host.Name}, model={model.Index} (learning_rate={Number(model.LearningRate)}, wd={Number(model.Wd)}, l1={Number(model.L1)}) " +
              $"by {model.SelectedBy} {model.Loss}_objective <loss>={Number(model.SelectionLoss)} at epoch={model.Epoch}");

    public static string LossName(LinearLearnerLoss loss) => loss switch
    {
        LinearLearnerLoss.SquaredLoss => "squared_loss",
        LinearLearnerLoss.AbsoluteLoss => "absolute_loss",
        LinearLearnerLoss.HuberLoss => "huber_loss",
        LinearLearnerLoss.EpsInsensitiveSquaredLoss => "eps_insensitive_squared_loss",
        LinearLearnerLoss.EpsInsensitiveAbsoluteLoss => "eps_insensitive_absolute_loss",
        LinearLearnerLoss.QuantileLoss => "quantile_loss",
        _ => "logistic",
    };

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private void Write(string line) => host.Log.Write(line);
}
