namespace AgentML;

/// <summary>Finds the prompts/ folder: AGENTML_PROMPTS, else the copy beside the binaries, else the repository's.</summary>
public static class PromptsLocation
{
    public const string EnvironmentVariable = "AGENTML_PROMPTS";

    public static string Default
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                return Path.GetFullPath(fromEnv);
            }

            var beside = Path.Combine(AppContext.BaseDirectory, "prompts");
            if (Directory.Exists(beside))
            {
                return beside;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "prompts");
                if (File.Exists(Path.Combine(dir.FullName, "AgentML.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new UserFacingException($"Cannot find the prompts folder; set {EnvironmentVariable} to the repository's prompts/ folder.");
        }
    }
}
