using AgentML.Core.Runs;
using AgentML.Search.Policies;
using AgentML.Store.Runs;
using Microsoft.Extensions.Logging;

namespace AgentML.Search.Engine;

/// <summary>
/// The search: asks the policy for the next action while fewer than --parallel candidates run, within the time and
/// node budgets; unfinished nodes of a resumed run are finished first.
/// </summary>
internal sealed class SearchLoop
{
    private readonly ISearchPolicy _policy;
    private readonly AgentOperators _operators;
    private readonly CandidateRunner _runner;
    private readonly ILogger _logger;

    public SearchLoop(ISearchPolicy policy, AgentOperators operators, CandidateRunner runner, ILogger logger)
    {
        _policy = policy;
        _operators = operators;
        _runner = runner;
        _logger = logger;
    }

    /// <summary>Running candidates right now (for progress displays).</summary>
    public int Running { get; private set; }

    public async Task RunAsync(RunState state, SearchBudget budget, CancellationToken abort)
    {
        using var budgetCts = new CancellationTokenSource();
        var running = new Dictionary<Task, NodeRecord>();
        var resumeQueue = new Queue<NodeRecord>(state.Nodes.Where(n => !n.Status.IsFinished()));
        var step = state.Nodes.Count;
        var parallel = Math.Max(1, state.Settings.Parallel);
        var exhausted = false;
        var repeats = 0;
        while (true)
        {
            abort.ThrowIfCancellationRequested();
            if (budget.SearchTimeUp && !budgetCts.IsCancellationRequested)
            {
                _logger.SearchTimeUp(running.Count);
                await budgetCts.CancelAsync().ConfigureAwait(false);
            }

            var canStart = !budgetCts.IsCancellationRequested && budget.CanStart && !exhausted;
            while (canStart && running.Count < parallel)
            {
                var node = resumeQueue.Count > 0 ? resumeQueue.Dequeue() : await NextNodeAsync(state, budget, step++, abort).ConfigureAwait(false);
                if (node is null)
                {
                    exhausted = running.Count == 0;
                    break;
                }

                running[_runner.RunAsync(state, node, budget.ProgramLimit, budgetCts.Token, abort)] = node;
            }

            Running = running.Count;
            if (running.Count == 0 && (!canStart || exhausted || NodesUp(state)))
            {
                break;
            }

            if (running.Count == 0)
            {
                continue;
            }

            var delay = Task.Delay(TimeSpan.FromMilliseconds(500), abort);
            var finished = await Task.WhenAny(running.Keys.Append(delay)).ConfigureAwait(false);
            if (finished == delay)
            {
                continue;
            }

            var done = running[finished].Id;
            running.Remove(finished);
            await finished.ConfigureAwait(false);
            exhausted = false;
            repeats = IsRepeat(state, done) ? repeats + 1 : 0;
            if (repeats >= MaxRepeatsInARow)
            {
                _logger.NothingNew(repeats);
                exhausted = true;
                await budgetCts.CancelAsync().ConfigureAwait(false);
            }
        }

        Running = 0;
    }

    /// <summary>Nodes in a row that repeated an earlier program before the search gives up on new ideas.</summary>
    public const int MaxRepeatsInARow = 8;

    /// <summary>Whether the node (as it finished: the record the loop started is an earlier snapshot) repeated an earlier one.</summary>
    private static bool IsRepeat(RunState state, string nodeId)
    {
        lock (state.Gate)
        {
            return state.Node(nodeId) is { Status: NodeStatus.Pruned } node && node.Error?.StartsWith(CandidateRunner.RepeatPrefix, StringComparison.Ordinal) == true;
        }
    }

    private static bool NodesUp(RunState state) =>
        state.Settings.MaxNodes is { } max && state.Nodes.Count >= max;

    /// <summary>The next node from the policy (saved as pending), or null when the budget or the ideas ran out.</summary>
    private async Task<NodeRecord?> NextNodeAsync(RunState state, SearchBudget budget, int step, CancellationToken abort)
    {
        if (NodesUp(state))
        {
            return null;
        }

        SearchAction? action;
        lock (state.Gate)
        {
            var nodeProgress = state.Settings.MaxNodes is { } max ? (double)state.Nodes.Count / max : 0;
            action = _policy.Next(state.ToPolicyState(Math.Max(budget.TimeProgress, nodeProgress), step));
        }

        if (action is null)
        {
            return null;
        }

        var expected = budget.ExpectedSeconds(action);
        if (!budget.Fits(expected))
        {
            // Measured durations say it would be cut short: stop searching and leave the time to the final re-run.
            _logger.TooLittleTime(step, action, expected);
            return null;
        }

        if (action.PlanIndex is { } index && !await _operators.EnsurePlansAsync(state, index + 1, abort).ConfigureAwait(false))
        {
            _logger.NoNewPlan(index);
            bool first;
            lock (state.Gate)
            {
                first = !state.PlansExhausted;
                state.PlansExhausted = true;
            }

            // The policy is asked once more, knowing that no draft can be served: it improves the best nodes instead.
            return first ? await NextNodeAsync(state, budget, step, abort).ConfigureAwait(false) : null;
        }

        _logger.Step(step, action);
        return state.NewNode(action);
    }
}
