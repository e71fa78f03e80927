namespace AgentML.Search.Tests;

public sealed class SolveSettingsTests
{
    [Fact]
    public void Settings_round_trip_through_the_json_stored_with_a_run()
    {
        var settings = new SolveSettings
        {
            TimeBudget = TimeSpan.FromMinutes(3),
            Model = "openai:gpt-4.1-mini",
            MaxLlmCost = 1.5m,
            RoleModels = ["planner=openai:o3", "debugger=builtin"],
            EarlyScoring = EarlyScoringMode.Off,
            Seed = 7,
        };

        var back = SolveSettings.FromJson(settings.ToJson());

        Assert.Equal(settings.TimeBudget, back.TimeBudget);
        Assert.Equal(settings.Model, back.Model);
        Assert.Equal(settings.MaxLlmCost, back.MaxLlmCost);
        Assert.Equal(settings.RoleModels, back.RoleModels);
        Assert.Equal(EarlyScoringMode.Off, back.EarlyScoring);
        Assert.Equal(7, back.Seed);
    }
}
