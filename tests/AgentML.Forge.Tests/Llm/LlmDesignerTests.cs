using AgentML.Core.Data;
using AgentML.Core.Tasks;
using AgentML.Forge.Data;
using AgentML.Forge.Llm;
using AgentML.Forge.Roles;
using AgentML.Forge.Verification;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;

namespace AgentML.Forge.Tests.Llm;

/// <summary>The LLM designer over real HTTP to the scripted server: valid choices are used, invalid pieces become builtin ones.</summary>
public sealed class LlmDesignerTests
{
    private const string Story = "Field teams weighed and measured every bird they ringed on the colonies' nesting beaches.";

    [Fact]
    public async Task A_valid_design_is_used_group_split_drops_and_description_parts()
    {
        await using var server = ScriptedLlmServer.Start();
        var data = ForgeLlmFixtures.PenguinsWithNestsAndDates();
        var (candidate, builtin) = await SpeciesAsync(data);
        server.Enqueue(ScriptedReply.Json(Reply(builtin, split: new { kind = "group", column = "nest", reason = "Birds of one nest share food and genes." },
            drop: [new { column = "year", reason = "the survey year is an artefact of the study, not of the bird" }])));
        var designer = Designer(server);

        var design = await designer.DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(ForgeOrigins.Llm, design.DesignedBy);
        Assert.Empty(design.Notes);
        Assert.Equal((SplitKind.Group, "nest"), (design.Split.Kind, design.Split.Column));
        Assert.Contains("Birds of one nest share food and genes", design.Split.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("year", design.Features);
        Assert.Contains(design.Dropped, d => d.Name == "year" && d.Reason.Contains("artefact of the study", StringComparison.Ordinal));
        Assert.All(builtin.Dropped, d => Assert.Contains(d, design.Dropped));
        Assert.Equal("Penguins of the Palmer Archipelago", design.Title);
        Assert.Contains(Story, design.Description, StringComparison.Ordinal);
        Assert.Contains($"scored with {candidate.Metric}", design.Description, StringComparison.Ordinal);
        Assert.Contains("- `bill_length_mm`: the bill's length; numeric", design.Description, StringComparison.Ordinal);
        Assert.Contains("Submit `id` and one probability column per class", design.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("- `year`", design.Description, StringComparison.Ordinal);
        var request = Assert.Single(server.Requests);
        Assert.Equal("json_schema", request.ResponseFormatType);
        Assert.Contains("nest", request.LastUserMessage, StringComparison.Ordinal);
        Assert.Contains($"metric: {candidate.Metric}", request.LastUserMessage, StringComparison.Ordinal);

        // The builtin refactorer applies the model's split: no nest is in both train and test.
        using var temp = new TempDirectory("llm-designer");
        var forged = await new BuiltinRefactorer().WriteAsync(data, design, temp.Path, 1, CancellationToken.None);
        Assert.True((await new StructuralVerifier(new VerificationOptions()).VerifyAsync(forged, CancellationToken.None)).Passed);
        var train = Nests(temp.Combine("public", "train.csv"));
        var test = Nests(temp.Combine("public", "test.csv"));
        Assert.NotEmpty(test);
        Assert.Empty(train.Intersect(test));
        Assert.DoesNotContain("year", CsvTable.Read(temp.Combine("public", "train.csv")).Columns);
    }

    [Theory]
    [InlineData("time", "observed_on")]
    [InlineData("time", "year")]
    [InlineData("random", "")]
    public async Task A_time_split_on_a_datetime_column_and_a_random_split_are_accepted(string kind, string column)
    {
        await using var server = ScriptedLlmServer.Start();
        var data = ForgeLlmFixtures.PenguinsWithNestsAndDates();
        var (candidate, builtin) = await SpeciesAsync(data);
        server.Enqueue(ScriptedReply.Json(Reply(builtin, split: new { kind, column, reason = "" })));

        var design = await Designer(server).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(Enum.Parse<SplitKind>(kind, ignoreCase: true), design.Split.Kind);
        Assert.Equal(column.Length == 0 ? null : column, design.Split.Column);
        Assert.Empty(design.Notes);
    }

    [Theory]
    [InlineData("time", "island", "not a datetime column")]
    [InlineData("time", "date_seen", "no such column")]
    [InlineData("group", "ring", "do not repeat")]
    [InlineData("group", "colony", "its largest group 'C00' holds 115 of 344 rows, more than the test share")]
    [InlineData("group", "species", "that is the target")]
    [InlineData("sideways", "", "unknown split kind 'sideways'")]
    public async Task An_invalid_split_keeps_the_builtin_split_with_a_note(string kind, string column, string why)
    {
        await using var server = ScriptedLlmServer.Start();
        var data = ForgeLlmFixtures.PenguinsWithNestsAndDates();
        var (candidate, builtin) = await SpeciesAsync(data);
        server.Enqueue(ScriptedReply.Json(Reply(builtin, split: new { kind, column, reason = "because" })));

        var design = await Designer(server).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(builtin.Split, design.Split);
        var note = Assert.Single(design.Notes);
        Assert.Contains(why, note, StringComparison.Ordinal);
        Assert.Contains("kept the builtin", note, StringComparison.Ordinal);
        Assert.StartsWith("LLM designer:", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_drops_and_text_parts_are_replaced_by_builtin_pieces_with_notes()
    {
        await using var server = ScriptedLlmServer.Start();
        var data = ForgeLlmFixtures.PenguinsWithNestsAndDates();
        var (candidate, builtin) = await SpeciesAsync(data);
        var reply = Reply(builtin, split: new { kind = "time", column = "island", reason = "" },
            drop: [new { column = "species", reason = "leaky" }, new { column = "wingspan", reason = "leaky" }, new { column = "sex", reason = "" }],
            title: "Two\nlines", evaluation: "Submissions are scored on how often the species is right.",
            submission: "Submit `id` and `species`, one probability per class.",
            dictionary: [new { column = "wingspan", description = "not a column" }]);
        server.Enqueue(ScriptedReply.Json(reply));

        var design = await Designer(server).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(ForgeOrigins.Llm, design.DesignedBy);
        Assert.Equal(builtin.Split, design.Split);
        Assert.Equal(builtin.Features, design.Features);
        Assert.Equal(builtin.Dropped, design.Dropped);
        Assert.Equal(builtin.Title, design.Title);
        var builtinDescription = new DescriptionWriter(ForgeLlmFixtures.Knowledge).BuiltinEvaluation(candidate);
        Assert.Contains(builtinDescription, design.Description, StringComparison.Ordinal);
        Assert.Contains(Story, design.Description, StringComparison.Ordinal);
        Assert.Contains("A CSV file with a header and one row per test id:", design.Description, StringComparison.Ordinal);
        string[] expected =
        [
            "not a datetime column",
            "drop of 'species' rejected (it is the target)",
            "drop of 'wingspan' rejected (no such column)",
            "drop of 'sex' rejected (no reason given)",
            "title rejected",
            $"evaluation rejected (it does not name the metric {candidate.Metric})",
            "submission format rejected (it does not name the submission columns Adelie, Chinstrap, Gentoo)",
            "data dictionary entries ignored (not columns of the task): 'wingspan'",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(design.Notes, n => n.Contains(text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Dropping_every_feature_is_refused()
    {
        await using var server = ScriptedLlmServer.Start();
        var data = ForgeLlmFixtures.Penguins();
        var (candidate, builtin) = await SpeciesAsync(data);
        server.Enqueue(ScriptedReply.Json(Reply(builtin, drop: builtin.Features.Select(f => new { column = f, reason = "leaky" }).ToArray())));

        var design = await Designer(server).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(builtin.Features, design.Features);
        Assert.Contains(design.Notes, n => n.Contains("would remove every feature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_server_errors_give_the_whole_builtin_design_with_a_note()
    {
        await using var server = ScriptedLlmServer.Start(_ => ScriptedReply.ServerError());
        var data = ForgeLlmFixtures.PenguinsWithNestsAndDates();
        var (candidate, builtin) = await SpeciesAsync(data);

        var design = await Designer(server).DesignAsync(data, candidate, CancellationToken.None);

        Assert.Equal(ForgeOrigins.Builtin, design.DesignedBy);
        Assert.Equal((builtin.Split, builtin.Description, builtin.Title), (design.Split, design.Description, design.Title));
        Assert.Equal(builtin.Features, design.Features);
        Assert.True(server.Requests.Count > 1);
        var note = Assert.Single(design.Notes);
        Assert.Contains("fell back to the builtin designer", note, StringComparison.Ordinal);
        Assert.Contains("Transient", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scored with the multi-class log loss.", "log_loss", true)]
    [InlineData("Scored with log_loss.", "log_loss", true)]
    [InlineData("The macro F1 score over the classes.", "f1_macro", true)]
    [InlineData("Area under the ROC curve (AUC).", "roc_auc", true)]
    [InlineData("Quadratic weighted kappa between the grades.", "quadratic_weighted_kappa", true)]
    [InlineData("Root mean squared error of the price.", "rmse", true)]
    [InlineData("Scored on accuracy.", "log_loss", false)]
    [InlineData("Lower is better.", "mae", false)]
    public void The_metric_check_knows_names_aliases_and_words(string text, string metric, bool names) =>
        Assert.Equal(names, DescriptionValidator.NamesMetric(text, metric));

    private static LlmDesigner Designer(ScriptedLlmServer server) => Assert.IsType<LlmDesigner>(ForgeLlmFixtures.Team(server).Designer);

    private static async Task<(TaskCandidate Candidate, TaskDesign Builtin)> SpeciesAsync(RawDataset data)
    {
        var candidates = await new BuiltinBrainstormer(ForgeLlmFixtures.Knowledge).BrainstormAsync(data, int.MaxValue, CancellationToken.None);
        var species = candidates.First(c => c.Target == "species" && c.Variant is null) with { Metric = "log_loss", SubmissionFormat = SubmissionFormat.ClassProbabilities };
        return (species, await new BuiltinDesigner(ForgeLlmFixtures.Knowledge).DesignAsync(data, species, CancellationToken.None));
    }

    /// <summary>A full design reply for the species task; every part valid unless overridden.</summary>
    private static object Reply(TaskDesign builtin, object? split = null, object[]? drop = null, string title = "Penguins of the Palmer Archipelago",
        string? evaluation = null, string submission = "Submit `id` and one probability column per class: `Adelie`, `Chinstrap` and `Gentoo`.",
        object[]? dictionary = null) => new
    {
        split = split ?? new { kind = "random", column = "", reason = "" },
        drop = drop ?? [],
        title,
        story = Story,
        dictionary = dictionary ?? builtin.Features.Append("species")
            .Select(c => new { column = c, description = c == "bill_length_mm" ? "the bill's length" : $"the {c.Replace('_', ' ')}" }).ToArray(),
        evaluation = evaluation ?? $"Submissions are scored with {builtin.Candidate.Metric}; lower is better.",
        submission_format = submission,
    };

    private static HashSet<string> Nests(string path)
    {
        var table = CsvTable.Read(path);
        var index = table.ColumnIndex("nest");
        return table.Rows.Select(r => r[index]).ToHashSet(StringComparer.Ordinal);
    }
}
