using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentML.Agents.Llm.Client;

/// <summary>USD per million input and output tokens of one model.</summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    public decimal Cost(int inputTokens, int outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}

/// <summary>
/// Prices by model name (prompts/llm/prices.yaml). A model matches its exact name, else the longest listed
/// prefix (so "gpt-4o-2024-08-06" pays gpt-4o's price); unlisted models (local servers) cost nothing.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = prices.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
    }

    public static PriceTable Empty { get; } = new(new Dictionary<string, ModelPrice>());

    public static PriceTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"{path}: the LLM price table is missing.");
        }

        PriceFile? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<PriceFile>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new UserFacingException($"{path}: line {e.Start.Line}: {e.Message}", e);
        }

        var prices = new Dictionary<string, ModelPrice>();
        foreach (var (model, entry) in file?.Models ?? [])
        {
            if (entry is null || entry.Input is null or < 0 || entry.Output is null or < 0)
            {
                throw new UserFacingException($"{path}: model '{model}' needs 'input' and 'output' prices (USD per million tokens, >= 0).");
            }

            prices[model] = new ModelPrice(entry.Input.Value, entry.Output.Value);
        }

        return new PriceTable(prices);
    }

    public ModelPrice? Find(string model)
    {
        var name = model.ToLowerInvariant();
        if (_prices.TryGetValue(name, out var exact))
        {
            return exact;
        }

        return _prices.Where(p => name.StartsWith(p.Key, StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
    }

    public decimal Cost(string model, int inputTokens, int outputTokens) => Find(model)?.Cost(inputTokens, outputTokens) ?? 0m;

    private sealed class PriceFile
    {
        public Dictionary<string, PriceEntry?>? Models { get; set; }
    }

    private sealed class PriceEntry
    {
        public decimal? Input { get; set; }

        public decimal? Output { get; set; }
    }
}
