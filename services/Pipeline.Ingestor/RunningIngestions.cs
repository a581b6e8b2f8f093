using System.Collections.Concurrent;

namespace Pipeline.Ingestor;

/// <summary>
/// The builds under way in this process, by experiment, so that an experiment cancelled or failed while its data is
/// still being ingested stops its build (and its temporary files go) instead of running on for minutes.
/// </summary>
public sealed class RunningIngestions
{
    private readonly ConcurrentDictionary<Guid, Ingestion> _running = new();

    /// <summary>Registers a build; its token is cancelled by <paramref name="consumeCancelled"/> or by <see cref="Cancel"/>.</summary>
    public Ingestion Begin(Guid experimentId, CancellationToken consumeCancelled)
    {
        var ingestion = new Ingestion(this, experimentId, consumeCancelled);
        _running[experimentId] = ingestion;
        return ingestion;
    }

    /// <summary>Stops the experiment's build, if one runs here; true when one did.</summary>
    public bool Cancel(Guid experimentId)
    {
        if (!_running.TryGetValue(experimentId, out var ingestion))
            return false;
        ingestion.CancelForExperiment();
        return true;
    }

    public sealed class Ingestion : IDisposable
    {
        private readonly RunningIngestions _owner;
        private readonly Guid _experimentId;
        private readonly CancellationTokenSource _cancel;

        internal Ingestion(RunningIngestions owner, Guid experimentId, CancellationToken consumeCancelled)
        {
            _owner = owner;
            _experimentId = experimentId;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(consumeCancelled);
        }

        public CancellationToken Token => _cancel.Token;

        /// <summary>The experiment ended while this build ran: nobody waits for its dataset.</summary>
        public bool ExperimentEnded { get; private set; }

        internal void CancelForExperiment()
        {
            ExperimentEnded = true;
            _cancel.Cancel();
        }

        public void Dispose()
        {
            ((ICollection<KeyValuePair<Guid, Ingestion>>)_owner._running).Remove(new(_experimentId, this));
            _cancel.Dispose();
        }
    }
}
