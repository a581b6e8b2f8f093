namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// How many training jobs run at once (<see cref="LocalSageMakerOptions.MaxConcurrentTrainingJobs"/>): a job takes a
/// slot before it launches its instances and gives it back when it ends; jobs beyond the slots wait in Starting, in
/// the order they came. The simulated instances all share this machine's cores, so a job running beside another would
/// measure the contention rather than its own work; one job at a time keeps each job's timing its own.
/// </summary>
internal sealed class TrainingCapacity(int slots)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _free = slots;

    /// <summary>Takes a slot if one is free now.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_free == 0)
                return false;
            _free--;
            return true;
        }
    }

    /// <summary>Waits for a slot, behind the jobs already waiting. Cancelling gives up the place (or the slot, if one was just handed over).</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> place;
        lock (_gate)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return;
            }

            place = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        try
        {
            await place.Value.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            bool handedOver;
            lock (_gate)
            {
                handedOver = place.List is null;
                if (!handedOver)
                    _waiting.Remove(place);
            }

            if (handedOver)
                Release();
            throw;
        }
    }

    /// <summary>Gives a slot back: to the longest-waiting job, else to the free ones.</summary>
    public void Release()
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            if (_waiting.First is not { } first)
            {
                _free++;
                return;
            }

            _waiting.RemoveFirst();
            next = first.Value;
        }

        next.SetResult();
    }
}
