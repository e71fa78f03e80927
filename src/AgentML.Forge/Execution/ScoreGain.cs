namespace AgentML.Forge.Execution;

/// <summary>How much of the gap between a dummy score and a perfect score a score closes.</summary>
public static class ScoreGain
{
    /// <summary>
    /// For bounded scores (higher is better, perfect = 1): (score − dummy) / (1 − dummy). For errors (lower is better,
    /// perfect = 0): 1 − score / dummy. 0 when the dummy is already perfect.
    /// </summary>
    public static double Of(double score, double dummy, bool higherIsBetter)
    {
        if (higherIsBetter)
        {
            return 1 - dummy <= 1e-12 ? 0 : (score - dummy) / (1 - dummy);
        }

        return dummy <= 1e-12 ? 0 : 1 - (score / dummy);
    }
}
