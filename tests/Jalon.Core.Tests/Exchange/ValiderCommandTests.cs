using System.CommandLine;
using Jalon.Cli.Commands;

namespace Jalon.Core.Tests.Exchange;

public class ValiderCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ValiderCommand.Create() };
        var code = root.Parse(["valider", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Valid_package_prints_a_french_summary_and_exits_0()
    {
        var (code, output, error) = Run(Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple"));

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Paquet valide", output, StringComparison.Ordinal);
        Assert.Matches(@"structures\.csv\s+2 structures", output);
        Assert.Matches(@"jeunes\.csv\s+6 jeunes", output);
        Assert.Matches(@"contacts\.csv\s+7 lignes", output);
        Assert.Matches(@"parrainages\.csv\s+0 ligne\b", output);
        Assert.Contains("0 anomalie, 0 avertissement", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Anomalies_and_warnings_go_to_standard_error_and_the_package_stays_valid()
    {
        using var package = new TempPackage(("contacts.csv", "structure,jeune,date,mode,note\nML-A,A1,2016-02-09,SMS,\n"));

        var (code, output, error) = Run(package.Dir);

        Assert.Equal(0, code);
        Assert.Equal(
            "contacts.csv:2: date: date 2016-02-09 antérieure au premier accueil du jeune (2016-02-10)" + Environment.NewLine +
            "contacts.csv:1: note: colonne inconnue, ignorée" + Environment.NewLine,
            error);
        Assert.Matches(@"orientations\.csv\s+absent", output);
        Assert.Contains("1 anomalie, 1 avertissement", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_package_lists_every_error_on_standard_error_and_exits_2()
    {
        using var package = new TempPackage(("contacts.csv", "structure,jeune,date,mode\nML-A,A9,2016-03-01,SMS\nML-A,A1,2016-13-01,SMS\n"));

        var (code, output, error) = Run(package.Dir);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["contacts.csv:2: jeune: jeune inconnu « A9 » dans la structure « ML-A » (absent de jeunes.csv)",
             "contacts.csv:3: date: date invalide « 2016-13-01 » (attendu AAAA-MM-JJ)",
             "Paquet invalide : 2 erreurs. Rien n'a été importé."],
            lines);
    }

    [Fact]
    public void Warnings_follow_the_errors_of_an_invalid_package()
    {
        using var package = new TempPackage(("contacts.csv", "structure,jeune,date,mdoe\nML-A,A1,2016-03-01,SMS\n"));

        var (code, _, error) = Run(package.Dir);

        Assert.Equal(2, code);
        Assert.Equal(
            ["contacts.csv:1: mode: colonne obligatoire absente de l'en-tête",
             "contacts.csv:1: mdoe: colonne inconnue, ignorée",
             "Paquet invalide : 1 erreur. Rien n'a été importé."],
            error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Missing_folder_exits_2_with_a_french_message()
    {
        var (code, output, error) = Run("/nulle/part/paquet");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("Dossier introuvable : /nulle/part/paquet" + Environment.NewLine, error);
    }
}
