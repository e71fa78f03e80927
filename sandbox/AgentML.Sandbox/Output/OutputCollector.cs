using System.Text;

namespace AgentML.Sandbox.Output;

/// <summary>
/// Collects a program's output with bounded memory: the first <c>headBytes</c>, a ring of the last
/// <c>tailBytes</c>, the total count, and the AGENTML_METRIC lines (reported live as they complete).
/// Thread-safe; <see cref="Append"/> allocates nothing per call except for metric lines.
/// </summary>
public sealed class OutputCollector
{
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly byte[] _line;
    private readonly int _maxMetrics;
    private readonly Func<TimeSpan> _elapsed;
    private readonly IProgress<MetricLine>? _progress;
    private readonly List<MetricLine> _metrics = [];
    private readonly Lock _gate = new();
    private int _headCount;
    private long _tailWritten;
    private int _lineLength;
    private bool _lineOverflow;
    private long _total;

    public OutputCollector(int headBytes, int tailBytes, int maxLineBytes, int maxMetrics, Func<TimeSpan> elapsed, IProgress<MetricLine>? progress)
    {
        _head = new byte[headBytes];
        _tail = new byte[tailBytes];
        _line = new byte[maxLineBytes];
        _maxMetrics = maxMetrics;
        _elapsed = elapsed;
        _progress = progress;
    }

    public long TotalBytes
    {
        get { lock (_gate) { return _total; } }
    }

    /// <summary>Adds output (from any stream, one call at a time or concurrently); reports completed metric lines.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        List<MetricLine>? found = null;
        lock (_gate)
        {
            _total += data.Length;
            var toHead = Math.Min(_head.Length - _headCount, data.Length);
            data[..toHead].CopyTo(_head.AsSpan(_headCount));
            _headCount += toHead;
            AppendTail(data[toHead..]);
            ScanLines(data, ref found);
        }

        Report(found);
    }

    /// <summary>Parses a last line that had no newline.</summary>
    public void Complete()
    {
        List<MetricLine>? found = null;
        lock (_gate)
        {
            if (_lineLength > 0 && !_lineOverflow)
            {
                EmitLine(_line.AsSpan(0, _lineLength), ref found);
            }

            _lineLength = 0;
        }

        Report(found);
    }

    public (string Head, string Tail, long Total, IReadOnlyList<MetricLine> Metrics) Snapshot()
    {
        lock (_gate)
        {
            var head = Encoding.UTF8.GetString(_head, 0, _headCount);
            var tailLength = (int)Math.Min(_tailWritten, _tail.Length);
            if (tailLength == 0)
            {
                return (head, "", _total, _metrics.ToArray());
            }

            var tail = new byte[tailLength];
            var start = (int)((_tailWritten - tailLength) % _tail.Length);
            var first = Math.Min(tailLength, _tail.Length - start);
            Array.Copy(_tail, start, tail, 0, first);
            Array.Copy(_tail, 0, tail, first, tailLength - first);
            return (head, Encoding.UTF8.GetString(tail), _total, _metrics.ToArray());
        }
    }

    private void AppendTail(ReadOnlySpan<byte> data)
    {
        if (_tail.Length == 0 || data.IsEmpty)
        {
            return;
        }

        if (data.Length > _tail.Length)
        {
            _tailWritten += data.Length - _tail.Length;
            data = data[^_tail.Length..];
        }

        var position = (int)(_tailWritten % _tail.Length);
        var first = Math.Min(data.Length, _tail.Length - position);
        data[..first].CopyTo(_tail.AsSpan(position));
        data[first..].CopyTo(_tail);
        _tailWritten += data.Length;
    }

    private void Report(List<MetricLine>? found)
    {
        if (found is null || _progress is null)
        {
            return;
        }

        foreach (var metric in found)
        {
            _progress.Report(metric);
        }
    }

    private void ScanLines(ReadOnlySpan<byte> data, ref List<MetricLine>? found)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var piece = newline < 0 ? data : data[..newline];
            if (!_lineOverflow)
            {
                if (_lineLength + piece.Length > _line.Length)
                {
                    _lineOverflow = true;
                }
                else
                {
                    piece.CopyTo(_line.AsSpan(_lineLength));
                    _lineLength += piece.Length;
                }
            }

            if (newline < 0)
            {
                return;
            }

            if (!_lineOverflow)
            {
                EmitLine(_line.AsSpan(0, _lineLength), ref found);
            }

            _lineLength = 0;
            _lineOverflow = false;
            data = data[(newline + 1)..];
        }
    }

    private void EmitLine(ReadOnlySpan<byte> line, ref List<MetricLine>? found)
    {
        if (!MetricParser.HasPrefix(line) || !MetricParser.TryParse(Encoding.UTF8.GetString(line), _elapsed(), out var metric))
        {
            return;
        }

        if (_metrics.Count < _maxMetrics)
        {
            _metrics.Add(metric);
        }

        (found ??= []).Add(metric);
    }
}
