using AgentML.Core.Runs;
using AgentML.Store.Runs;

namespace AgentML.Search.Engine;

/// <summary>
/// The run's clock: the deadline of this session, the reserve kept for choosing the submission (a final re-run only
/// when the test set could not ride along with the search) and the per-program limit derived from both.
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

    /// <summary>
    /// A refit that would take more than this share of the session is not reserved for when the best node has a search
    /// submission of the real test set: the search goes on (more nodes feed the ensemble), and the refit runs only if
    /// time happens to be left.
    /// </summary>
    public const double MaxReserveShare = 0.2;

    private static readonly TimeSpan MinReserve = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Seconds to keep for choosing the submission. When the search's programs predicted the task's test set, the
    /// refit on all labelled rows of what weighs most in what would be submitted now (the winning ensemble's heaviest
    /// member, else the best node), when refits are on and it takes at most <see cref="MaxReserveShare"/> of the
    /// session; else a few seconds (other members are refitted only when time is left). Otherwise the estimated final
    /// re-run of the best node.
    /// </summary>
    public TimeSpan FinalReserve
    {
        get
        {
            lock (_state.Gate)
            {
                if (_state.Best is not { } best)
                {
                    return MinReserve;
                }

                double seconds;
                if (SearchSubmissions.Of(_state, best) is not null)
                {
                    var chosen = _state.Run.Ensemble is { Wins: true } ensemble ? ensemble.Members.MaxBy(m => m.Weight)!.NodeId : best.Id;
                    var refit = _state.Node(chosen) is { } node ? FinalRun.ReRunSeconds(_state, node) ?? 0 : 0;
                    seconds = _state.Refits && refit <= MaxReserveShare * Available.TotalSeconds ? refit : 0;
                }
                else
                {
                    seconds = FinalRun.ReRunSeconds(_state, best) ?? 0;
                }

                var reserve = TimeSpan.FromSeconds(seconds);
                return reserve < MinReserve ? MinReserve : reserve;
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

    /// <summary>Shortest program limit worth starting a candidate with (programs keep 20% and 5 s of it back).</summary>
    public static readonly TimeSpan MinProgramLimit = TimeSpan.FromSeconds(15);

    /// <summary>A candidate starts only when the time left is at least this share of what it is expected to take.</summary>
    public const double MinShareOfExpected = 0.7;

    /// <summary>Shortest program limit a run without any working node still starts its first candidate with: a short run is better than none.</summary>
    public static readonly TimeSpan MinFirstProgramLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Enough search time left to start another candidate: <see cref="MinProgramLimit"/> (or the configured limit when
    /// shorter), or, while no node works yet, <see cref="MinFirstProgramLimit"/> (a budget of 20 seconds still runs a draft).
    /// </summary>
    public bool CanStart
    {
        get
        {
            bool working;
            lock (_state.Gate)
            {
                working = _state.Best is not null;
            }

            var needed = working ? Min(MinProgramLimit, _state.Settings.EffectiveProgramTimeLimit) : MinFirstProgramLimit;
            return SearchDeadline - _time.GetUtcNow() > needed;
        }
    }

    /// <summary>
    /// Seconds a new node of <paramref name="action"/> is expected to run, from measured durations of this run: its
    /// parent's full run for improve (half of it for the debug of a time-out, which is scaled down), the slower parent
    /// for a merge, the median draft for a draft; null when nothing is measured yet.
    /// </summary>
    public double? ExpectedSeconds(Policies.SearchAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_state.Gate)
        {
            var parents = action.ParentIds.Select(id => _state.Execution(id, Fidelity.Full)).ToList();
            if (action.Operator == NodeOperator.Draft || parents.Count == 0)
            {
                var drafts = _state.Nodes.Where(n => n.Operator == NodeOperator.Draft)
                    .Select(n => _state.Execution(n.Id, Fidelity.Full)).OfType<ExecutionRecord>()
                    .Where(e => e.Reason != ExecutionReason.Budget && e.DurationSeconds > 0)
                    .Select(e => e.DurationSeconds).Order().ToList();
                return drafts.Count == 0 ? null : drafts[drafts.Count / 2];
            }

            if (parents.Any(p => p is null || p.DurationSeconds <= 0))
            {
                return null;
            }

            var slowest = parents.Max(p => p!.DurationSeconds);
            return action.Operator == NodeOperator.Debug && parents[0]!.Reason == ExecutionReason.Timeout ? slowest / 2 : slowest;
        }
    }

    /// <summary>True when an action expected to take <paramref name="expected"/> seconds can still be useful now.</summary>
    public bool Fits(double? expected) =>
        expected is not { } seconds || (SearchDeadline - _time.GetUtcNow()).TotalSeconds >= MinShareOfExpected * Math.Min(seconds, _state.Settings.EffectiveProgramTimeLimit.TotalSeconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
