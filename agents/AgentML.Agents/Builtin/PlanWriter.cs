using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentML.Agents.Builtin;

/// <summary>Writes a recipe as a natural-language plan: what was observed, and what the program will do.</summary>
public sealed class PlanWriter(IdeaBank bank)
{
    public string Describe(JsonObject recipe, Observations observations, string headline)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(observations);
        var text = new StringBuilder();
        text.AppendLine(headline);
        text.AppendLine();
        text.AppendLine("Observations:");
        foreach (var sentence in observations.Sentences)
        {
            text.Append("- ").AppendLine(sentence);
        }

        text.AppendLine();
        text.AppendLine("Plan:");
        var validation = recipe["validation"] as JsonObject;
        var folds = JsonPatch.Number(validation?["folds"]) ?? 5;
        var repeats = JsonPatch.Number(validation?["repeats"]) ?? 1;
        var step = 1;
        text.AppendLine(folds <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{step++}. Validate on one {JsonPatch.Number(validation?["holdout"]) ?? 0.2:P0} hold-out (stratified by class); print its metric.")
            : string.Create(CultureInfo.InvariantCulture, $"{step++}. Validate with {folds}-fold cross-validation{(repeats > 1 ? $", repeated {repeats} times" : "")} (stratified by class or by target quantile); print the metric per fold; stop adding folds when the time budget runs short."));
        var applied = RecipeFactory.Ideas(recipe).ToHashSet(StringComparer.Ordinal);
        if (applied.Contains(RecipeCost.FastIdea))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. Time: {new RecipeCost(bank).FastSays}.");
        }

        if (JsonPatch.Number(validation?["max_fit_rows"]) is { } cap)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. Fit every model on at most {cap:N0} sampled training rows per fold (big data, short time limit).");
        }

        if (applied.Contains(RecipeCost.ScaledIdea))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. A previous version ran out of time: fewer rows per fit and shorter texts this time.");
        }

        foreach (var rule in bank.Rules.Where(r => applied.Contains(r.Id)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. {rule.Says}");
        }

        foreach (var improvement in bank.Improvements.Where(i => applied.Contains(i.Id)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. Change: {improvement.Says}.");
        }

        var members = RecipeFactory.Members(recipe).ToArray();
        var models = string.Join("; ", members.Select(DescribeMember));
        text.AppendLine(CultureInfo.InvariantCulture, $"{step++}. Models: {models}.");
        if (members.Length > 1)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{step++}. Blend the {members.Length} models with weights chosen by greedy forward selection on out-of-fold predictions.");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"{step}. Average the fold models' test predictions, apply the post-processing fitted out of fold, and write the submission in the sample's exact format.");
        return text.ToString().TrimEnd();
    }

    private string DescribeMember(JsonObject member)
    {
        var name = JsonPatch.String(member, "name") ?? "model";
        var baseName = name.Split('_')[0];
        var says = bank.Members[baseName] is not null ? bank.MemberSays(baseName) : JsonPatch.String(member, "model") ?? name;
        var settings = member["params"] is JsonObject p && p.Count > 0
            ? " (" + string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString().Trim('"')}")) + ")"
            : "";
        var search = member["search"] is JsonObject s && s.Count > 0
            ? "; search " + string.Join(", ", s.Select(kv => $"{kv.Key} in {kv.Value?.ToJsonString()}"))
            : "";
        return $"{name}: {says}{settings}{search}";
    }
}
