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
                + "ML-A,C2,CEJ,2023-03-01,,,1\n"));                          // 27, no RQTH in the format

        Assert.True(result.IsValid);
        Assert.Equal(
            ["jeunes.csv:3: premier_accueil: âge de 26 ans au premier accueil (attendu de 16 à 25 ans)",
             "parcours.csv:2: debut: PACEA signé le 2022-10-11, plus d'un mois après le diagnostic du 2022-09-10 (attendu au plus tard le 2022-10-10)",
             "parcours.csv:4: debut: CEJ commencé le 2023-07-30, moins de 6 mois après la fin du CEJ de la ligne 3 (2022-11-02 → 2023-01-31) (attendu au plus tôt le 2023-07-31, sauf réduction du délai de carence)",
             "parcours.csv:4: fin: CEJ de plus de 18 mois (2023-07-30 → 2025-01-31, attendu au plus 18 mois au total)",
             "parcours.csv:5: debut: âge à l'entrée en CEJ : 27 ans (attendu 16 à 25 ans révolus, 29 ans avec une RQTH)"],
            result.Anomalies.Select(a => a.ToString()));
    }
}
