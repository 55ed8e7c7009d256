using System.Runtime.CompilerServices;
using System.Text;
using Jalon.Domain;

namespace Jalon.Exchange.Reading;

/// <summary>The codes of an enum (from <see cref="Codes"/>) as UTF-8 bytes, matched exactly without allocating.</summary>
internal sealed class CodeTable<T> where T : struct, Enum
{
    public static readonly CodeTable<T> Instance = new();

    private readonly byte[][] _codes;
    private readonly T[] _values;

    private CodeTable()
    {
        var codes = Codes.All<T>();
        _codes = new byte[codes.Count][];
        _values = new T[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            _codes[i] = Encoding.UTF8.GetBytes(codes[i]);
            if (!Codes.TryParse(codes[i], out _values[i])) throw new InvalidOperationException($"Code {codes[i]} does not parse.");
        }
        Expected = codes.Count == 1
            ? codes[0]
            : string.Join(", ", codes.Take(codes.Count - 1)) + " ou " + codes[^1];
    }

    /// <summary>The accepted codes, for a French message: « A, B ou C ».</summary>
    public string Expected { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlySpan<byte> s, out T value)
    {
        for (var i = 0; i < _codes.Length; i++)
        {
            if (s.SequenceEqual(_codes[i]))
            {
                value = _values[i];
                return true;
            }
        }
        value = default;
        return false;
    }
}
