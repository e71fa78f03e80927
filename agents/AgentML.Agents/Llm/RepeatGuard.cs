using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm;

/// <summary>
/// Pauses one model's asks for programs when it keeps answering with programs the search already ran: after
/// <see cref="LlmSettings.RepeatsBeforePause"/> asks in a row ended with a repeat, it is not asked for
/// <see cref="LlmSettings.RepeatPause"/>; the first ask after a pause is a trial, and a trial that repeats again starts
/// a pause twice as long (up to 16 times the first). An ask that brings a new program ends the streak; asks that end
/// otherwise (rate limit, budget, unusable replies) neither count nor reset it. Thread-safe.
/// </summary>
internal sealed class RepeatGuard(LlmSettings settings, ILogger logger)
{
    private const int MaxDoublings = 4;
    private readonly object _gate = new();
    private int _streak;
    private int _pauses;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Throws <see cref="LlmUnavailableException"/> (<see cref="LlmFailure.Repeats"/>) while the model is paused.</summary>
    public void EnsureNotPaused(string model)
    {
        lock (_gate)
        {
            var left = _pausedUntil - settings.TimeProvider.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                throw new LlmUnavailableException(LlmFailure.Repeats,
                    $"{model}: answered with programs the search already ran on {_streak} asks in a row; not asked for programs for {left.TotalSeconds:0}s more", Usage.None);
            }
        }
    }

    /// <summary>An ask ended with a new program.</summary>
    public void Fresh()
    {
        lock (_gate)
        {
            _streak = 0;
            _pauses = 0;
        }
    }

    /// <summary>An ask ended with a repeat; starts a pause when the streak is long enough.</summary>
    public void Repeated(string model)
    {
        lock (_gate)
        {
            _streak++;
            if (_streak < Math.Max(1, settings.RepeatsBeforePause))
            {
                return;
            }

            var pause = settings.RepeatPause * Math.Pow(2, Math.Min(MaxDoublings, _pauses));
            _pauses++;
            _pausedUntil = settings.TimeProvider.GetUtcNow() + pause;
            logger.LogWarning("{Model} answered with programs already run on {Streak} asks in a row: not asked for programs for {Seconds:0}s", model, _streak, pause.TotalSeconds);
        }
    }
}
