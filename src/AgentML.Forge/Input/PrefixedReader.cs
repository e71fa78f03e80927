namespace AgentML.Forge.Input;

/// <summary>A text reader that yields <paramref name="prefix"/> and then the rest of <paramref name="inner"/>.</summary>
internal sealed class PrefixedReader(string prefix, TextReader inner) : TextReader
{
    private int _position;

    public override int Peek() => _position < prefix.Length ? prefix[_position] : inner.Peek();

    public override int Read() => _position < prefix.Length ? prefix[_position++] : inner.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_position >= prefix.Length)
        {
            return inner.Read(buffer);
        }

        var n = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
