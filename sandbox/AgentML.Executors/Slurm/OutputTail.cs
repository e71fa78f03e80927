using System.Text;

namespace AgentML.Executors.Slurm;

/// <summary>Reads the lines a job appends to its output file, a complete line at a time.</summary>
public sealed class OutputTail(string path)
{
    private readonly StringBuilder _partial = new();
    private long _offset;

    /// <summary>The complete lines written since the last call (none when the file does not exist yet).</summary>
    public IReadOnlyList<string> ReadNewLines(bool final = false)
    {
        var lines = new List<string>();
        if (File.Exists(path))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _offset)
            {
                _offset = 0; // rewritten (a resubmitted job)
                _partial.Clear();
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - _offset];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _offset += read;
            _partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = _partial.ToString();
        var end = text.LastIndexOf('\n');
        if (end >= 0)
        {
            lines.AddRange(text[..end].Split('\n').Select(l => l.TrimEnd('\r')));
            _partial.Clear().Append(text[(end + 1)..]);
        }

        if (final && _partial.Length > 0)
        {
            lines.Add(_partial.ToString());
            _partial.Clear();
        }

        return lines;
    }
}
