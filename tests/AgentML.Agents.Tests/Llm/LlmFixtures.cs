using AgentML.Core.Runs;
using AgentML.Agents;
using AgentML.Agents.Llm;
using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Agents.Roles;
using AgentML.Core.Profiling;
using AgentML.Core.Tasks;
using AgentML.Testing;
using AgentML.Testing.ScriptedLlm;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Tests.Llm;

/// <summary>Shared material for the LLM tests: the penguin task context, fake builtin roles and team builders.</summary>
internal static class LlmFixtures
{
    public const string Program = """
        import os
        import pandas as pd
        test = pd.read_csv("input/test.csv")
        os.makedirs("submission", exist_ok=True)
        pd.DataFrame({"id": test["id"], "Adelie": 1/3, "Chinstrap": 1/3, "Gentoo": 1/3}).to_csv("submission/submission.csv", index=False)
        """;

    public static TaskContext PenguinContext()
    {
        var folder = TestPaths.Task("penguin-species");
        var task = new TaskSpec
        {
            Id = "penguin-species",
            Name = "Palmer penguins",
            RootDirectory = folder,
            PublicDirectory = Path.Combine(folder, "public"),
            TrainPath = Path.Combine(folder, "public", "train.csv"),
            TestPath = Path.Combine(folder, "public", "test.csv"),
            SampleSubmissionPath = Path.Combine(folder, "public", "sample_submission.csv"),
            Description = File.ReadAllText(Path.Combine(folder, "description.md")),
            Metric = "log_loss",
            IdColumn = "id",
            TargetColumns = ["Adelie", "Chinstrap", "Gentoo"],
            TrainTargetColumns = ["species"],
            TaskType = TaskType.Multiclass,
            SubmissionFormat = SubmissionFormat.ClassProbabilities,
            ClassLabels = ["Adelie", "Chinstrap", "Gentoo"],
        };
        var profile = new DataProfile
        {
            TrainRows = 275,
            TestRows = 69,
            Columns =
            [
                new ColumnProfile { Name = "id", Kind = ColumnKind.IdLike, Cardinality = 275 },
                new ColumnProfile { Name = "island", Kind = ColumnKind.Categorical, Cardinality = 3, TopValues = [new("Biscoe", 130), new("Dream", 100)] },
                new ColumnProfile { Name = "bill_length_mm", Kind = ColumnKind.Numeric, MissingShare = 0.007, Cardinality = 150, Numeric = new NumericSummary(32.1, 59.6, 43.9, 5.46, 44.4, 0.05, false) },
                new ColumnProfile { Name = "species", Kind = ColumnKind.Categorical, Cardinality = 3 },
            ],
            ClassCounts = new Dictionary<string, int> { ["Adelie"] = 120, ["Gentoo"] = 100, ["Chinstrap"] = 55 },
        };
        return new TaskContext { Task = task, Profile = profile, ProgramTimeLimit = TimeSpan.FromMinutes(10), HigherIsBetter = false, Seed = 7 };
    }

    public static SolutionView Node(string id, NodeStatus status = NodeStatus.Ok, double? score = 0.3, string? error = null) => new()
    {
        NodeId = id,
        Operator = NodeOperator.Draft,
        Plan = $"plan of {id}: gradient boosting on all columns",
        Code = Program,
        Status = status,
        Score = score,
        Output = "fold 1 0.31\nfold 2 0.29",
        Error = error,
        EarlyMetrics = [0.31, 0.29],
        Duration = TimeSpan.FromSeconds(12),
    };

    /// <summary>Fast resilience settings for tests: short back-off, short timeout, circuit effectively off.</summary>
    public static LlmSettings FastSettings(Func<string, string?>? environment = null) => new()
    {
        CallTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        CircuitMinimumThroughput = 1000,
        Environment = environment ?? (_ => null),
    };

    /// <summary>Environment for an Azure team pointed at the scripted server.</summary>
    public static Func<string, string?> AzureEnvironment(ScriptedLlmServer server) => name => name switch
    {
        LlmKernelFactory.AzureEndpoint => server.Endpoint.ToString(),
        LlmKernelFactory.AzureKey => "azure-test-key",
        _ => null,
    };

    /// <summary>A team on the scripted server: "openai" (openai-compatible connector) or "azure" (Azure connector).</summary>
    public static AgentTeam Team(ScriptedLlmServer server, string provider, FakeBuiltinTeam builtin, ILoggerFactory loggerFactory,
        LlmSettings? settings = null, LlmBudget? budget = null, string model = "gpt-4o")
    {
        var spec = provider == "azure" ? $"azure:{model}" : $"openai-compatible:{model}@{server.OpenAIBaseUrl}";
        settings ??= FastSettings();
        if (provider == "azure")
        {
            settings = settings with { Environment = AzureEnvironment(server) };
        }

        var options = new AgentTeamOptions { Model = spec, PromptsDirectory = TestPaths.Prompts, Llm = settings, Budget = budget };
        return AgentTeamFactory.Create(options, loggerFactory, builtin.Team);
    }

    /// <summary>One role kit on the scripted server, for asking a prompt directly (structured replies).</summary>
    public static LlmRoleKit Kit(ScriptedLlmServer server, string provider, string model = "gpt-4o")
    {
        var settings = FastSettings();
        var spec = provider == "azure" ? $"azure:{model}" : $"openai-compatible:{model}@{server.OpenAIBaseUrl}";
        if (provider == "azure")
        {
            settings = settings with { Environment = AzureEnvironment(server) };
        }

        return LlmRoleKit.Create(LlmModelSpec.Parse(spec, "test"), settings, new LlmBudget(null), PriceTable.Load(Path.Combine(TestPaths.Prompts, "llm", "prices.yaml")),
            PromptLibrary.Load(TestPaths.Prompts), new RecordingLoggerFactory());
    }
}
