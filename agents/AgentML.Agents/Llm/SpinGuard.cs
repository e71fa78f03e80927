using AgentML.Agents.Llm.Client;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm;

/// <summary>
/// Pauses one model's asks for one kind of output (<paramref name="what"/>: programs, or plans) when it keeps spinning:
/// after <see cref="LlmSettings.SpinsBeforePause"/> asks in a row that brought nothing new and usable (a program the
/// search already ran, twice; no usable reply after the repair turns; a planning round whose plans all repeat the
/// tree's), it is not asked for <see cref="LlmSettings.SpinPause"/>; the first ask after a pause is a trial, and a
/// trial that spins again starts a pause twice as long (up to 16 times the first). An ask that brings something new
/// ends the streak; asks refused for other reasons (rate limit, budget, transport failures) neither count nor reset it.
/// Thread-safe.
/// </summary>
internal sealed class SpinGuard(string model, string what, LlmSettings settings, ILogger logger)
{
    private const int MaxDoublings = 4;
    private readonly object _gate = new();
    private int _streak;
    private int _pauses;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Throws <see cref="LlmUnavailableException"/> (<see cref="LlmFailure.Paused"/>) while the model is paused.</summary>
    public void EnsureNotPaused()
    {
        lock (_gate)
        {
            var left = _pausedUntil - settings.TimeProvider.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                throw new LlmUnavailableException(LlmFailure.Paused,
                    $"{model}: nothing new and usable on {_streak} asks in a row; not asked for {what} for {left.TotalSeconds:0}s more", Usage.None);
            }
        }
    }

    /// <summary>An ask brought something new and usable.</summary>
    public void Productive()
    {
        lock (_gate)
        {
            _streak = 0;
            _pauses = 0;
        }
    }

    /// <summary>An ask brought nothing new and usable; starts a pause when the streak is long enough.</summary>
    public void Spun()
    {
        lock (_gate)
        {
            _streak++;
            if (_streak < Math.Max(1, settings.SpinsBeforePause))
            {
                return;
            }

            var pause = settings.SpinPause * Math.Pow(2, Math.Min(MaxDoublings, _pauses));
            _pauses++;
            _pausedUntil = settings.TimeProvider.GetUtcNow() + pause;
            logger.LogWarning("{Model} brought nothing new and usable on {Streak} asks in a row: not asked for {What} for {Seconds:0}s", model, _streak, what, pause.TotalSeconds);
        }
    }
}
