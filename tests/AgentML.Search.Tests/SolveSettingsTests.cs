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
            Refit = RefitMode.Never,
        };

        var back = SolveSettings.FromJson(settings.ToJson());

        Assert.Equal(settings.TimeBudget, back.TimeBudget);
        Assert.Equal(settings.Model, back.Model);
        Assert.Equal(settings.MaxLlmCost, back.MaxLlmCost);
        Assert.Equal(settings.RoleModels, back.RoleModels);
        Assert.Equal(EarlyScoringMode.Off, back.EarlyScoring);
        Assert.Equal(7, back.Seed);
        Assert.Equal(RefitMode.Never, back.Refit);
    }

    [Theory]
    [InlineData("""{"Refit": true}""", RefitMode.Always)]
    [InlineData("""{"Refit": false}""", RefitMode.Never)]
    [InlineData("""{"Refit": "auto"}""", RefitMode.Auto)]
    [InlineData("""{}""", RefitMode.Auto)]
    public void Runs_stored_before_refit_modes_resume_with_what_they_asked_for(string json, RefitMode expected) =>
        Assert.Equal(expected, SolveSettings.FromJson(json).Refit);
}
