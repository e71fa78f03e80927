using System.Buffers;

namespace AgentML.Sandbox.Output;

/// <summary>Copies a stream into an <see cref="OutputCollector"/> through one pooled buffer.</summary>
public static class OutputPump
{
    public const int BufferSize = 64 * 1024;

    public static async Task PumpAsync(Stream stream, OutputCollector collector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(collector);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                collector.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The run is over (drain timeout) or the pipe broke: keep what arrived.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
