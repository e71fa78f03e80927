using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>
/// The run's clock: the deadline of this session, the reserve kept for the final re-run (estimated from the best
/// node's duration, scaled to the full data) and the per-program limit derived from both.
/// </summary>
internal sealed class SearchBudget
{
    private readonly RunState _state;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _deadline;
    private readonly DateTimeOffset _start;

    public SearchBudget(RunState state, TimeProvider time, TimeSpan available)
    {
        _state = state;
        _time = time;
        _start = time.GetUtcNow();
        _deadline = _start + available;
        Available = available;
    }

    public TimeSpan Available { get; }

    public DateTimeOffset Deadline => _deadline;

    public TimeSpan Left => _deadline - _time.GetUtcNow();

    /// <summary>Seconds to keep for the final re-run of the current best node.</summary>
    public TimeSpan FinalReserve
    {
        get
        {
            lock (_state.Gate)
            {
                if (_state.Best is not { } best || _state.Execution(best.Id, Fidelity.Full) is not { } run)
                {
                    return TimeSpan.FromSeconds(5);
                }

                var scale = _state.Split.TrainRows == 0 ? 1 : Math.Max(1, (double)_state.Split.SourceRows / _state.Split.TrainRows);
                return TimeSpan.FromSeconds((run.DurationSeconds * scale * 1.3) + 5);
            }
        }
    }

    /// <summary>When the search must stop so the final re-run fits.</summary>
    public DateTimeOffset SearchDeadline => _deadline - FinalReserve;

    public bool SearchTimeUp => _time.GetUtcNow() >= SearchDeadline;

    /// <summary>Share of this session's search time used, 0..1.</summary>
    public double TimeProgress
    {
        get
        {
            var total = (SearchDeadline - _start).TotalSeconds;
            return total <= 0 ? 1 : Math.Clamp((_time.GetUtcNow() - _start).TotalSeconds / total, 0, 1);
        }
    }

    /// <summary>The limit for a program starting now: the configured limit, cut to the search time left.</summary>
    public TimeSpan ProgramLimit()
    {
        var left = SearchDeadline - _time.GetUtcNow();
        var limit = _state.Settings.EffectiveProgramTimeLimit;
        return left < limit ? (left < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : left) : limit;
    }

    /// <summary>Enough search time left to start another candidate.</summary>
    public bool CanStart => SearchDeadline - _time.GetUtcNow() > TimeSpan.FromSeconds(8);
}
