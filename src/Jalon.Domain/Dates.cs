namespace Jalon.Domain;

/// <summary>An interval of days, both ends included; an empty end means still open.</summary>
public readonly record struct DateInterval(DateOnly Debut, DateOnly? Fin)
{
    public bool IsActiveOn(DateOnly day) => Debut <= day && (Fin is null || day <= Fin.Value);

    public bool Overlaps(DateOnly debut, DateOnly fin) => Debut <= fin && (Fin is null || Fin.Value >= debut);

    public bool Overlaps(DateInterval other) =>
        (other.Fin is null || Debut <= other.Fin.Value) && (Fin is null || Fin.Value >= other.Debut);
}

/// <summary>A reporting period [Debut, Fin], both days included.</summary>
public readonly record struct Period(DateOnly Debut, DateOnly Fin)
{
    public bool Contains(DateOnly day) => Debut <= day && day <= Fin;

    public bool Contains(DateOnly? day) => day is { } d && Contains(d);

    /// <summary>The same period moved back one calendar year (N−1).</summary>
    public Period PreviousYear() => new(Debut.AddYears(-1), Fin.AddYears(-1));

    /// <summary>
    /// The same period one calendar year earlier, ending on a month's last day when this one does: February 2017's
    /// N−1 is the whole February 2016 (29 days), where <see cref="PreviousYear"/> stops on the 28th.
    /// </summary>
    public Period PreviousYearWholeMonths()
    {
        var fin = Fin.AddYears(-1);
        if (Fin.Day == DateTime.DaysInMonth(Fin.Year, Fin.Month)) fin = new DateOnly(fin.Year, fin.Month, DateTime.DaysInMonth(fin.Year, fin.Month));
        return new(Debut.AddYears(-1), fin);
    }

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public override string ToString() => $"{Debut:yyyy-MM-dd}..{Fin:yyyy-MM-dd}";
}

public static class Dates
{
    /// <summary>Average month length used for durations in months.</summary>
    public const double DaysPerMonth = 30.4375;

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day.Month < birth.Month || (day.Month == birth.Month && day.Day < birth.Day)) age--;
        return age;
    }

    /// <summary>
    /// Writes <paramref name="day"/> as yyyy-MM-dd in ASCII into the first 10 bytes of <paramref name="ten"/>: the
    /// exchange format's dates and SQLite's stored ones, written by the million (no format pattern parsed per date).
    /// </summary>
    public static void WriteIso(DateOnly day, Span<byte> ten)
    {
        var (year, month, d) = day;
        ten[0] = (byte)('0' + year / 1000);
        ten[1] = (byte)('0' + year / 100 % 10);
        ten[2] = (byte)('0' + year / 10 % 10);
        ten[3] = (byte)('0' + year % 10);
        ten[4] = (byte)'-';
        ten[5] = (byte)('0' + month / 10);
        ten[6] = (byte)('0' + month % 10);
        ten[7] = (byte)'-';
        ten[8] = (byte)('0' + d / 10);
        ten[9] = (byte)('0' + d % 10);
    }

    /// <summary>Today in Europe/Paris, the business day of every French user.</summary>
    public static DateOnly TodayInParis(TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, paris).DateTime);
    }
}
