using AgentML.Forge.Roles;
using AgentML.Forge.Verification;

namespace AgentML.Forge.Data;

/// <summary>A tiny seeded generator (SplitMix64) whose sequence never changes across runtimes: forge output is reproducible.</summary>
public sealed class SplitMix
{
    private ulong _state;

    public SplitMix(int seed, string salt = "")
    {
        ArgumentNullException.ThrowIfNull(salt);
        _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        foreach (var c in salt)
        {
            _state = unchecked((_state ^ c) * 0x100000001B3UL);
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
