using System.Globalization;

namespace AgentML.Agents.Builtin;

/// <summary>
/// The time a builtin program keeps back from its wall-clock limit for the final fit, the submission and process
/// start-up: it works for <c>max(MinWorkingSeconds, WorkingShare × limit − ReserveSeconds)</c>. The one place these
/// numbers are written: the cost model reads them here and the program templates receive them as placeholders
/// (<c>{{WORKING_SHARE}}</c>, <c>{{RESERVE_S}}</c>, <c>{{MIN_WORKING_S}}</c>, <c>{{TIME_LIMIT_S}}</c>).
/// </summary>
public sealed record ProgramTimeMargin
{
    /// <summary>The tabular programs of prompts/builtin/templates.</summary>
    public static ProgramTimeMargin Tabular { get; } = new() { WorkingShare = 0.8, ReserveSeconds = 5, MinWorkingSeconds = 10 };

    /// <summary>The image program of prompts/builtin/image (it trains in time slices, so it keeps less back).</summary>
    public static ProgramTimeMargin Image { get; } = new() { WorkingShare = 0.85, ReserveSeconds = 4, MinWorkingSeconds = 8 };

    /// <summary>Share of the limit a program works with.</summary>
    public required double WorkingShare { get; init; }

    /// <summary>Seconds kept back beyond the share.</summary>
    public required double ReserveSeconds { get; init; }

    /// <summary>A program works at least this long, however short its limit.</summary>
    public required double MinWorkingSeconds { get; init; }

    /// <summary>The limit a program assumes when AGENTML_TIME_LIMIT_S is unset (the rendered default, never below this).</summary>
    public int MinDefaultLimitSeconds { get; init; } = 30;

    /// <summary>The seconds a program works with under <paramref name="limit"/>.</summary>
    public double WorkingSeconds(TimeSpan limit) => Math.Max(MinWorkingSeconds, (WorkingShare * limit.TotalSeconds) - ReserveSeconds);

    /// <summary>The template placeholders (without braces) and their values for a program limited to <paramref name="limit"/>.</summary>
    public IReadOnlyDictionary<string, string> Placeholders(TimeSpan limit) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TIME_LIMIT_S"] = ((int)Math.Max(MinDefaultLimitSeconds, limit.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
        ["WORKING_SHARE"] = Python(WorkingShare),
        ["RESERVE_S"] = Python(ReserveSeconds),
        ["MIN_WORKING_S"] = Python(MinWorkingSeconds),
    };

    /// <summary>A float literal Python reads back exactly (always with a decimal point).</summary>
    private static string Python(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
