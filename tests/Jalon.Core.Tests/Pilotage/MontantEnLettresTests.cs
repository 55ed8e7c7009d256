using Jalon.Domain.Pilotage;

namespace Jalon.Core.Tests.Pilotage;

public class MontantEnLettresTests
{
    [Theory]
    [InlineData(0, "zéro")]
    [InlineData(1, "un")]
    [InlineData(16, "seize")]
    [InlineData(17, "dix-sept")]
    [InlineData(21, "vingt et un")]
    [InlineData(22, "vingt-deux")]
    [InlineData(31, "trente et un")]
    [InlineData(61, "soixante et un")]
    [InlineData(70, "soixante-dix")]
    [InlineData(71, "soixante et onze")]
    [InlineData(77, "soixante-dix-sept")]
    [InlineData(80, "quatre-vingts")]
    [InlineData(81, "quatre-vingt-un")]
    [InlineData(90, "quatre-vingt-dix")]
    [InlineData(91, "quatre-vingt-onze")]
    [InlineData(99, "quatre-vingt-dix-neuf")]
    [InlineData(100, "cent")]
    [InlineData(101, "cent un")]
    [InlineData(200, "deux cents")]
    [InlineData(201, "deux cent un")]
    [InlineData(280, "deux cent quatre-vingts")]
    [InlineData(1000, "mille")]
    [InlineData(1001, "mille un")]
    [InlineData(2000, "deux mille")]
    [InlineData(80_000, "quatre-vingt mille")]
    [InlineData(200_000, "deux cent mille")]
    [InlineData(243_500, "deux cent quarante-trois mille cinq cents")]
    [InlineData(1_000_000, "un million")]
    [InlineData(2_000_000, "deux millions")]
    [InlineData(200_000_000, "deux cents millions")]
    [InlineData(80_000_000, "quatre-vingts millions")]
    [InlineData(1_280_080, "un million deux cent quatre-vingt mille quatre-vingts")]
    [InlineData(3_000_000_000, "trois milliards")]
    [InlineData(999_999, "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf")]
    public void Writes_whole_numbers_with_the_french_rules(long n, string attendu) =>
        Assert.Equal(attendu, MontantEnLettres.Nombre(n));

    [Theory]
    [InlineData("243500", "deux cent quarante-trois mille cinq cents euros")]
    [InlineData("1", "un euro")]
    [InlineData("0", "zéro euro")]
    [InlineData("1000000", "un million d'euros")]
    [InlineData("2000000", "deux millions d'euros")]
    [InlineData("1200000", "un million deux cent mille euros")]
    [InlineData("121750.50", "cent vingt et un mille sept cent cinquante euros et cinquante centimes")]
    [InlineData("0.01", "un centime")]
    [InlineData("71.80", "soixante et onze euros et quatre-vingts centimes")]
    public void Writes_amounts_in_euros(string montant, string attendu) =>
        Assert.Equal(attendu, MontantEnLettres.Euros(decimal.Parse(montant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Formats_euros_the_french_way()
    {
        Assert.Equal("243\u00A0500\u00A0€", Euros.Format(243_500m));
        Assert.Equal("1\u00A0234,50\u00A0€", Euros.Format(1234.5m));
        Assert.Equal("90\u00A0000,00\u00A0€", Euros.FormatCentimes(90_000m));
        Assert.Equal("12,3\u00A0%", Euros.Pourcentage(0.1234));
        Assert.Equal("-1\u00A0000\u00A0€", Euros.Format(-1000m));
    }
}
