namespace Jalon.Exchange.Reading;

/// <summary>
/// The rows of one event file, in file order, in a single array that the package's event table then takes over without
/// copying it (<see cref="Domain.EventTable{T}.Own"/>), which a <see cref="List{T}"/> cannot hand over. The array is
/// allocated without zeroing (for rows without references): at national scale every page the read first touches costs
/// the kernel's zeroing, and the rows overwrite it anyway (docs/benchmarks-duckdb.md).
/// </summary>
internal sealed class RowBuffer<T>
{
    private T[] _items = [];

    public int Count { get; private set; }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    public T this[int index] => Span[index];

    public ReadOnlySpan<T>.Enumerator GetEnumerator() => Span.GetEnumerator();

    /// <summary>Makes room for <paramref name="capacity"/> rows in all.</summary>
    public void Reserve(int capacity)
    {
        if (capacity <= _items.Length) return;
        var bigger = GC.AllocateUninitializedArray<T>(capacity);
        Span.CopyTo(bigger);
        _items = bigger;
    }

    public void Add(ReadOnlySpan<T> rows)
    {
        if (Count + rows.Length > _items.Length) Reserve(Math.Max(Count + rows.Length, (int)Math.Min(Array.MaxLength, 2L * _items.Length)));
        rows.CopyTo(_items.AsSpan(Count));
        Count += rows.Length;
    }

    /// <summary>Hands the array over (its first <paramref name="count"/> rows are the file's) and leaves the buffer empty.</summary>
    public T[] Take(out int count)
    {
        var items = _items;
        count = Count;
        _items = [];
        Count = 0;
        return items;
    }
}
