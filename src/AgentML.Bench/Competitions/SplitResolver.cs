namespace AgentML.Bench.Competitions;

/// <summary>A named list of competition ids (--split lite, --split my-ids.txt).</summary>
public sealed record BenchSplit(string Name, IReadOnlyList<string> Ids);

/// <summary>Resolves --split: a built-in split name (lite, low) or a file with one id per line (# comments allowed).</summary>
public static class SplitResolver
{
    public static BenchSplit Resolve(string split, CompetitionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var builtIn = registry.Split(split);
        if (builtIn is not null)
        {
            return new BenchSplit(split.ToLowerInvariant(), builtIn);
        }

        if (File.Exists(split))
        {
            var ids = File.ReadAllLines(split)
                .Select(l => l.Split('#', 2)[0].Trim())
                .Where(l => l.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (ids.Length == 0)
            {
                throw new UserFacingException($"Split file {split} lists no competition ids; expected one id per line.");
            }

            return new BenchSplit(Path.GetFileNameWithoutExtension(split), ids);
        }

        throw new UserFacingException(
            $"--split '{split}' is neither a built-in split ({string.Join(", ", registry.SplitNames.Order(StringComparer.Ordinal))}) nor an existing file of ids.");
    }
}
