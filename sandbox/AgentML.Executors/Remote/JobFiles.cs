using System.Text.Json;
using System.Text.Json.Serialization;
using AgentML.Sandbox;

namespace AgentML.Executors.Remote;

/// <summary>
/// The files of one job folder on the shared folder: <c>job.sh</c> (the batch script), <c>spec.json</c> (what to run),
/// <c>slurm.out</c> (the job's output, which the coordinator tails) and <c>result.json</c> (written last, atomically).
/// </summary>
public sealed record JobFolder(string Path)
{
    public string Script => System.IO.Path.Combine(Path, "job.sh");

    public string Spec => System.IO.Path.Combine(Path, "spec.json");

    public string Output => System.IO.Path.Combine(Path, "slurm.out");

    public string Result => System.IO.Path.Combine(Path, "result.json");

    /// <summary>Writes <paramref name="value"/> as JSON to a temporary file and renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically<T>(string path, T value)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(temp, JsonSerializer.Serialize(value, JobJson.Options));
        File.Move(temp, path, overwrite: true);
    }

    public static T? Read<T>(string path) where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), JobJson.Options) : null;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid job file ({ex.Message}).", ex);
        }
    }
}

/// <summary>A sandbox job to run on a node: which sandbox back end and the job itself.</summary>
public sealed record SandboxJobSpec
{
    /// <summary>"process" or "docker": the node runs the job in the same sandbox as a local run would.</summary>
    [JsonPropertyName("sandbox")] public required string Sandbox { get; init; }

    [JsonPropertyName("python")] public string? PythonPath { get; init; }

    [JsonPropertyName("job")] public required SandboxJob Job { get; init; }
}

/// <summary>JSON settings of job files.</summary>
public static class JobJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
