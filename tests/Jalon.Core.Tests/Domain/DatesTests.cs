using System.Globalization;
using System.Text;
using Jalon.Domain;

namespace Jalon.Core.Tests.DomainRules;

public class DatesTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2016, 2, 29)]
    [InlineData(2016, 10, 9)]
    [InlineData(9999, 12, 31)]
    public void WriteIso_writes_what_the_yyyy_MM_dd_pattern_gives(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var bytes = new byte[12];

        Dates.WriteIso(date, bytes);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(bytes, 0, 10));
        Assert.Equal(0, bytes[10]); // nothing written past the tenth byte
    }

    [Fact]
    public void WriteIso_agrees_with_the_pattern_on_every_day_of_the_service_years()
    {
        Span<byte> ten = stackalloc byte[10];
        for (var d = new DateOnly(1990, 1, 1); d <= new DateOnly(2040, 12, 31); d = d.AddDays(1))
        {
            Dates.WriteIso(d, ten);
            Assert.Equal(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(ten));
        }
    }
}
