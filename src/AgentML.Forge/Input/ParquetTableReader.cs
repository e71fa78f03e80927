using System.Globalization;
using AgentML.Core.Data;
using Parquet;
using Parquet.Schema;

namespace AgentML.Forge.Input;

/// <summary>Reads a flat Parquet file (Parquet.Net) into a table of invariant-culture strings; missing values become "".</summary>
public static class ParquetTableReader
{
    public static async Task<CsvTable> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var stream = File.OpenRead(path);
            await using var streamScope = stream.ConfigureAwait(false);
            var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            var fields = reader.Schema.GetDataFields();
            if (reader.Schema.Fields.Count != fields.Length || fields.Any(f => f.IsArray))
            {
                throw new UserFacingException($"{path}: nested or repeated Parquet columns are not supported; expected a flat table.");
            }

            var columns = fields.Select(_ => new List<string>()).ToArray();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var rows = checked((int)group.RowCount);
                for (var c = 0; c < fields.Length; c++)
                {
                    columns[c].AddRange(await ReadFieldAsync(group, fields[c], rows, path, cancellationToken).ConfigureAwait(false));
                }
            }

            var count = columns.Length == 0 ? 0 : columns[0].Count;
            var table = Enumerable.Range(0, count).Select(r => columns.Select(c => c[r]).ToArray()).ToArray();
            return new CsvTable(fields.Select(f => f.Name).ToArray(), table);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new UserFacingException($"{path}: not a readable Parquet file ({ex.Message}).", ex);
        }
    }

    private static async Task<string[]> ReadFieldAsync(ParquetRowGroupReader group, DataField field, int rows, string path, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var buffer = new string?[rows];
            await group.ReadAsync(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            return buffer.Select(s => s ?? "").ToArray();
        }

        return type switch
        {
            _ when type == typeof(double) => await ValuesAsync<double>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(float) => await ValuesAsync<float>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(decimal) => await ValuesAsync<decimal>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(long) => await ValuesAsync<long>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(int) => await ValuesAsync<int>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(short) => await ValuesAsync<short>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await ValuesAsync<sbyte>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(byte) => await ValuesAsync<byte>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(ulong) => await ValuesAsync<ulong>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(uint) => await ValuesAsync<uint>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(ushort) => await ValuesAsync<ushort>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(bool) => await ValuesAsync<bool>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(DateTime) => await ValuesAsync<DateTime>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(DateOnly) => await ValuesAsync<DateOnly>(group, field, rows, ct).ConfigureAwait(false),
            _ when type == typeof(TimeSpan) => await ValuesAsync<TimeSpan>(group, field, rows, ct).ConfigureAwait(false),
            _ => throw new UserFacingException($"{path}: column '{field.Name}' has Parquet type {type.Name}, which forge cannot read."),
        };
    }

    private static async Task<string[]> ValuesAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync(field, nullable.AsMemory(), null, ct).ConfigureAwait(false);
            return nullable.Select(v => v is { } x ? Format(x) : "").ToArray();
        }

        var plain = new T[rows];
        await group.ReadAsync(field, plain.AsMemory(), null, ct).ConfigureAwait(false);
        return plain.Select(Format).ToArray();
    }

    private static string Format<T>(T value) where T : struct => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('T'),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
