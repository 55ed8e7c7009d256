using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Jalon.Exchange.Reading;

/// <summary>Allocation-free parsing of the exchange format's values from UTF-8 bytes.</summary>
internal static class Utf8Values
{
    /// <summary>A date written exactly <c>YYYY-MM-DD</c>, a real calendar day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-') return false;
        uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
        uint m0 = (uint)(s[5] - '0'), m1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
        if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return false;
        var year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
        var month = (int)(m0 * 10 + m1);
        var day = (int)(d0 * 10 + d1);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>An optional minus sign then 1 to 9 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        var negative = !s.IsEmpty && s[0] == (byte)'-';
        if (negative) s = s[1..];
        if (s.IsEmpty || s.Length > 9) return false;
        var v = 0;
        foreach (var b in s)
        {
            var digit = (uint)(b - '0');
            if (digit > 9) return false;
            v = v * 10 + (int)digit;
        }
        value = negative ? -v : v;
        return true;
    }

    /// <summary>An optional minus sign then 1 to 18 digits.</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var negative = !s.IsEmpty && s[0] == (byte)'-';
        if (negative) s = s[1..];
        if (s.IsEmpty || s.Length > 18) return false;
        long v = 0;
        foreach (var b in s)
        {
            var digit = (uint)(b - '0');
            if (digit > 9) return false;
            v = v * 10 + digit;
        }
        value = negative ? -v : v;
        return true;
    }

    /// <summary>An optional minus sign, digits, then optionally <c>.</c> or <c>,</c> and digits (no thousands separator, no exponent).</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 40) return false;
        Span<char> chars = stackalloc char[s.Length];
        var i = 0;
        if (s[0] == (byte)'-') chars[i++] = '-';
        var digitsBefore = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9) { chars[i] = (char)s[i]; i++; digitsBefore++; }
        if (digitsBefore == 0) return false;
        if (i < s.Length)
        {
            if (s[i] is not ((byte)'.' or (byte)',')) return false;
            chars[i++] = '.';
            var digitsAfter = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9) { chars[i] = (char)s[i]; i++; digitsAfter++; }
            if (digitsAfter == 0 || i < s.Length) return false;
        }
        return decimal.TryParse(chars, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseBool(ReadOnlySpan<byte> s, out bool value)
    {
        value = false;
        if (s.Length != 1) return false;
        if (s[0] == (byte)'1') value = true;
        else if (s[0] != (byte)'0') return false;
        return true;
    }

    public static bool IsValidText(ReadOnlySpan<byte> s) => Utf8.IsValid(s);

    /// <summary>A value as shown in a message: decoded, shortened to 40 characters.</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        var text = Encoding.UTF8.GetString(s).ReplaceLineEndings("↵");
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }
}
