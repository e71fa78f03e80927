namespace AgentML.Sandbox;

/// <summary>The AgentML sandbox image: its name and version (bump the version when the image content changes).</summary>
public static class SandboxImage
{
    public const string Name = "agentml-sandbox";

    public const string Version = "1.0";

    public const string DefaultTag = Name + ":" + Version;

    /// <summary>Label set on every container the Docker back end creates.</summary>
    public const string SandboxLabel = "agentml.sandbox";

    /// <summary>Label naming the process that owns a container: "pid@host".</summary>
    public const string OwnerLabel = "agentml.owner";

    /// <summary>Label with the owner's start time (unix ms), so a reused pid is not mistaken for the owner.</summary>
    public const string OwnerStartLabel = "agentml.owner.start";

    public const string RunLabel = "agentml.run";

    public const string NodeLabel = "agentml.node";
}
