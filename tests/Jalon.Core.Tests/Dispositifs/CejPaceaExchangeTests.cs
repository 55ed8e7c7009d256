using Jalon.Core.Tests.Exchange;
using Jalon.Domain;

namespace Jalon.Core.Tests.Dispositifs;

/// <summary>The CEJ and PACEA rules as <c>./jalon valider</c> and the import apply them to parcours.csv: located anomalies, nothing rejected.</summary>
public sealed class CejPaceaExchangeTests
{
    private const string Jeunes = """
        structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil
        ML-A,C1,2003-05-02,F,V,0,26281,1,0,2022-09-10
        ML-A,C2,1996-01-10,H,IV,1,26281,0,0,2022-09-10

        """;

    [Fact]
    public void Cej_and_pacea_codes_are_read_and_a_cej_inside_a_pacea_is_no_anomaly()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes),
            ("contacts.csv", "structure,jeune,date,mode,diagnostic\nML-A,C1,2022-09-20,ENTRETIEN,1\n"),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\n"
                + "ML-A,C1,PACEA,2022-10-20,,,1\n"
                + "ML-A,C1,CEJ,2022-11-02,2023-08-31,FIN_DISPOSITIF,1\n"));

        Assert.True(result.IsValid);
        Assert.Equal(["jeunes.csv:3: premier_accueil: âge de 26 ans au premier accueil (attendu de 16 à 25 ans)"], result.Anomalies.Select(a => a.ToString()));
        var paths = result.Package!.Parcours.All.ToArray();
        Assert.Equal([Dispositif.Pacea, Dispositif.Cej], paths.Select(p => p.Dispositif));
    }

    [Fact]
    public void Cej_gap_length_age_and_pacea_signature_are_located_anomalies()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes),
            ("contacts.csv", "structure,jeune,date,mode,diagnostic\nML-A,C1,2022-09-10,ENTRETIEN,1\n"),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\n"
                + "ML-A,C1,PACEA,2022-10-11,,,1\n"                          // 1 month + 1 day after the diagnostic
                + "ML-A,C1,CEJ,2022-11-02,2023-01-31,ABANDON,1\n"
                + "ML-A,C1,CEJ,2023-07-30,2025-01-31,FIN_DISPOSITIF,1\n"    // the day before 2023-07-31; 18 months + 1 day
                + "ML-A,C2,CEJ,2023-03-01,,,1\n"));                          // 27, no column rqth: no RQTH

        Assert.True(result.IsValid);
        Assert.Equal(
            ["jeunes.csv:3: premier_accueil: âge de 26 ans au premier accueil (attendu de 16 à 25 ans)",
             "parcours.csv:2: debut: PACEA signé le 2022-10-11, plus d'un mois après le diagnostic du 2022-09-10 (attendu au plus tard le 2022-10-10)",
             "parcours.csv:4: debut: CEJ commencé le 2023-07-30, moins de 6 mois après la fin du CEJ de la ligne 3 (2022-11-02 → 2023-01-31) (attendu au plus tôt le 2023-07-31, sauf réduction du délai de carence)",
             "parcours.csv:4: fin: CEJ de plus de 18 mois (2023-07-30 → 2025-01-31, attendu au plus 18 mois au total)",
             "parcours.csv:5: debut: âge à l'entrée en CEJ : 27 ans (attendu 16 à 25 ans révolus, 29 ans avec une RQTH : rqth = 1)"],
            result.Anomalies.Select(a => a.ToString()));
    }

    [Fact]
    public void The_rqth_column_raises_the_cej_entry_age_to_29_and_is_read_with_located_errors()
    {
        // C3 turns 26 on 2023-03-01, C2 is 27 then, C4 turns 30 on 2023-03-01.
        const string jeunes = """
            structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil
            ML-A,C2,1996-01-10,H,IV,1,26281,0,0,2022-09-10
            ML-A,C3,1997-03-01,F,IV,1,26281,0,0,2022-09-10
            ML-A,C4,1993-03-01,F,IV,1,26281,0,0,2022-09-10

            """;
        var result = TempPackage.Read(("jeunes.csv", jeunes),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet,rqth\n"
                + "ML-A,C2,CEJ,2023-03-01,,,1,1\n"      // 27 with an RQTH: accepted
                + "ML-A,C3,CEJ,2023-03-01,,,1,\n"       // 26, rqth unknown: counts as no
                + "ML-A,C4,CEJ,2023-03-01,,,1,1\n"));   // 30 with an RQTH: refused

        Assert.True(result.IsValid);
        Assert.Equal(
            ["jeunes.csv:2: premier_accueil: âge de 26 ans au premier accueil (attendu de 16 à 25 ans)",
             "jeunes.csv:4: premier_accueil: âge de 29 ans au premier accueil (attendu de 16 à 25 ans)",
             "parcours.csv:3: debut: âge à l'entrée en CEJ : 26 ans (attendu 16 à 25 ans révolus, 29 ans avec une RQTH : rqth = 1)",
             "parcours.csv:4: debut: âge à l'entrée en CEJ : 30 ans (attendu 16 à 29 ans révolus avec une RQTH)"],
            result.Anomalies.Select(a => a.ToString()));
        Assert.Equal([true, null, true], result.Package!.Parcours.All.ToArray().Select(p => p.Rqth));

        var bad = TempPackage.Read(("jeunes.csv", jeunes),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet,rqth\n"
                + "ML-A,C2,CEJ,2023-03-01,,,1,oui\n"
                + "ML-A,C3,REGIONAL,2022-10-01,,,1,1\n"));
        Assert.False(bad.IsValid);
        Assert.Equal(
            ["parcours.csv:2: rqth: booléen invalide « oui » (attendu 0 ou 1)",
             "parcours.csv:3: rqth: rqth sur un parcours REGIONAL (la RQTH ne se saisit que sur un parcours CEJ : laisser la colonne vide)"],
            bad.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_rqth_column_is_written_back_only_when_a_path_has_it()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet,rqth\n"
                + "ML-A,C1,CEJ,2022-11-02,,,1,0\n"
                + "ML-A,C2,CEJ,2023-03-01,,,1,1\n"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var dir = Directory.CreateTempSubdirectory("jalon-rqth-").FullName;
        try
        {
            Jalon.Exchange.PackageWriter.Write(result.Package!, dir);
            var lines = File.ReadAllLines(Path.Combine(dir, "parcours.csv"));
            Assert.Equal("structure,jeune,dispositif,debut,fin,motif_fin,neet,rqth", lines[0]);
            Assert.EndsWith(",CEJ,2022-11-02,,,1,0", lines[1], StringComparison.Ordinal);
            Assert.EndsWith(",CEJ,2023-03-01,,,1,1", lines[2], StringComparison.Ordinal);
            Assert.Contains("\"rqth\"", File.ReadAllText(Path.Combine(dir, "datapackage.json")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
