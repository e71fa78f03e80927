using AgentML.Agents.Llm.Client;
using AgentML.Agents.Llm.Prompts;
using AgentML.Agents.Llm.Replies;
using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Llm;

/// <summary>
/// What every LLM role of one model shares: the client, the prompts and the settings; and the two ways a role
/// asks the model — for a program (fenced python block) or for a structured reply (JSON schema) — each with
/// repair turns when the reply cannot be used.
/// </summary>
public sealed class LlmRoleKit
{
    public const string AgentName = "llm";

    private readonly SpinGuard _programs;

    public LlmRoleKit(ILlmClient client, PromptLibrary prompts, LlmSettings settings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        LoggerFactory = loggerFactory;
        _programs = new SpinGuard(Client.Name, "programs", settings, loggerFactory.CreateLogger<SpinGuard>());
        Planning = new SpinGuard(Client.Name, "plans", settings, loggerFactory.CreateLogger<SpinGuard>());
    }

    /// <summary>A kit on its own client for <paramref name="spec"/> (real HTTP, Polly resilience, the shared budget).</summary>
    public static LlmRoleKit Create(LlmModelSpec spec, LlmSettings settings, LlmBudget budget, PriceTable prices, PromptLibrary prompts, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger($"AgentML.Llm[{spec}]");
        var kernel = LlmKernelFactory.Create(spec, settings.Environment, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, loggerFactory);
        var client = new SemanticKernelLlmClient(spec, kernel, LlmResilience.Create(settings, logger), budget, prices, settings, logger);
        return new LlmRoleKit(client, prompts, settings, loggerFactory);
    }

    public ILlmClient Client { get; }

    public PromptLibrary Prompts { get; }

    public LlmSettings Settings { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Pauses the planner's asks when its planning rounds keep bringing no new plan.</summary>
    internal SpinGuard Planning { get; }

    public PromptVariables Variables(TaskContext context, TreeSummary tree) => PromptVariables.ForTask(context, tree, Settings);

    /// <summary>
    /// Asks for a program; replies without a fenced python block, or whose program never writes the submission, get a
    /// repair turn. A program the search has already run (<see cref="TreeSummary.TriedPrograms"/>) gets one follow-up
    /// naming that; a second repeat ends the call (<see cref="LlmFailure.Repeats"/>) and the builtin role writes the
    /// node. One call makes at most <see cref="LlmSettings.MaxRepairs"/> + 1 chat requests. A model that keeps spinning
    /// (repeats, unusable replies) is paused (<see cref="SpinGuard"/>): the call then makes no request and ends with
    /// <see cref="LlmFailure.Paused"/>.
    /// </summary>
    public async Task<(CodeReply Reply, Usage Usage)> AskCodeAsync(string role, string prompt, PromptVariables variables, CancellationToken cancellationToken, TreeSummary? tree = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        _programs.EnsureNotPaused();

        var history = await Prompts.RenderAsync(prompt, variables.Values, cancellationToken).ConfigureAwait(false);
        var usage = Usage.None;
        var askedForNew = false;
        for (var turn = 0; ; turn++)
        {
            var reply = await SendAsync(new LlmRequest(role, history), usage, cancellationToken).ConfigureAwait(false);
            usage += reply.Usage;
            var code = CodeBlocks.Extract(reply.Text);
            var repeated = code is not null && tree is not null && tree.TriedPrograms.Contains(TreeSummary.ProgramKey(code.Code));
            var repair = code is null ? "repair-no-code" : !CodeBlocks.WritesSubmission(code.Code) ? "repair-no-submission" : repeated ? "repair-repeat" : null;
            if (repair is null)
            {
                _programs.Productive();

                return (code!, usage);
            }

            if (repeated && askedForNew)
            {
                _programs.Spun();
                throw new LlmUnavailableException(LlmFailure.Repeats, $"{Client.Name}: answered twice with a program the search already ran", usage);
            }

            askedForNew |= repeated;

            if (turn >= Settings.MaxRepairs)
            {
                _programs.Spun();
                throw new LlmUnavailableException(LlmFailure.Unusable,
                    $"{Client.Name}: no usable program after {turn + 1} replies ({(code is null ? "no ```python block" : repeated ? "a program the search already ran" : "it never writes submission/submission.csv")})", usage);
            }

            await AddRepairTurnAsync(history, reply.Text, repair, variables, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks for a structured reply of type <typeparamref name="T"/> (JSON schema response format, tolerant parsing).</summary>
    public async Task<(T Reply, Usage Usage)> AskJsonAsync<T>(string role, string prompt, PromptVariables variables, CancellationToken cancellationToken)
        where T : class, IValidatedReply
    {
        ArgumentNullException.ThrowIfNull(variables);
        var history = await Prompts.RenderAsync(prompt, variables.Values, cancellationToken).ConfigureAwait(false);
        var usage = Usage.None;
        for (var turn = 0; ; turn++)
        {
            var reply = await SendAsync(new LlmRequest(role, history, typeof(T)), usage, cancellationToken).ConfigureAwait(false);
            usage += reply.Usage;
            if (JsonReply.TryParse<T>(reply.Text, out var parsed))
            {
                return (parsed, usage);
            }

            if (turn >= Settings.MaxRepairs)
            {
                throw new LlmUnavailableException(LlmFailure.Unusable, $"{Client.Name}: no valid {typeof(T).Name} JSON after {turn + 1} replies", usage);
            }

            await AddRepairTurnAsync(history, reply.Text, "repair-json", variables, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the LLM path of a role; when the model is unavailable, runs the builtin role and says so in the notes.</summary>
    public async Task<AgentOutput> WithFallbackAsync(string role, Func<Task<AgentOutput>> llm, Func<Task<AgentOutput>> builtin)
    {
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(builtin);
        try
        {
            return await llm().ConfigureAwait(false);
        }
        catch (LlmUnavailableException e)
        {
            var note = FallbackNote(role, e);
            LoggerFactory.CreateLogger<LlmRoleKit>().LogWarning("{Note}", note);
            var output = await builtin().ConfigureAwait(false);
            return output with { Usage = output.Usage + e.Spent, Notes = [.. output.Notes, note] };
        }
    }

    public static string FallbackNote(string role, LlmUnavailableException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"LLM {role} unavailable ({e.Failure}: {e.Message}); fell back to the builtin {role}";
    }

    public AgentOutput Output(string plan, CodeReply code, Usage usage, IReadOnlyList<string>? notes = null) => new()
    {
        Plan = plan,
        Code = code.Code,
        Agent = AgentName,
        Model = Client.Name,
        Usage = usage,
        Notes = notes ?? [],
    };

    private async Task<LlmReply> SendAsync(LlmRequest request, Usage spentSoFar, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmUnavailableException e)
        {
            throw e.WithSpent(spentSoFar);
        }
    }

    private async Task AddRepairTurnAsync(Microsoft.SemanticKernel.ChatCompletion.ChatHistory history, string reply, string repairPrompt, PromptVariables variables, CancellationToken cancellationToken)
    {
        history.AddAssistantMessage(reply);
        foreach (var message in await Prompts.RenderAsync(repairPrompt, variables.Values, cancellationToken).ConfigureAwait(false))
        {
            history.Add(message);
        }
    }
}
