using Jalon.Core.Tests.Exchange;
using Jalon.Domain;
using Jalon.Domain.Dispositifs;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Dispositifs;

/// <summary>activites.csv and allocations.csv: optional, validated with located errors, all-or-nothing, written back identically.</summary>
public sealed class CejFilesExchangeTests
{
    private const string Jeunes = """
        structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil
        ML-A,C1,2003-05-02,F,V,0,26281,1,0,2022-09-10
        ML-A,C2,2001-01-10,H,IV,1,26281,0,0,2022-09-10

        """;

    private const string Contacts = "structure,jeune,date,mode,diagnostic\nML-A,C1,2024-01-02,ENTRETIEN,1\n";

    private const string Parcours = "structure,jeune,dispositif,debut,fin,motif_fin,neet\n"
        + "ML-A,C1,PACEA,2024-01-05,,,1\n"
        + "ML-A,C1,CEJ,2024-01-15,2024-09-30,FIN_DISPOSITIF,1\n";

    private const string Activites = "structure,jeune,date,categorie,heures,realisee,session\n"
        + "ML-A,C1,2024-01-15,ATELIER,3.5,1,S-2024-01-15\n"
        + "ML-A,C1,2024-01-16,EMPLOI,6,1,\n"
        + "ML-A,C1,2024-01-18,FORMATION,7,1,\n"
        + "ML-A,C1,2024-01-22,SANTE,2,1,\n"
        + "ML-A,C1,2024-01-23,PROJET_PRO,4,0,\n";

    private const string Allocations = "structure,jeune,mois,montant_du,montant_demande,statut,retour_asp\n"
        + "ML-A,C1,2024-01,528,528,PAYE,\n"
        + "ML-A,C1,2024-02,396,396,REJETE,RIB invalide\n"
        + "ML-A,C1,2024-03,528,,VALIDE_DIRECTION,\n";

    [Fact]
    public void A_package_without_the_cej_files_reads_as_before()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes), ("contacts.csv", Contacts), ("parcours.csv", Parcours));
        Assert.True(result.IsValid);
        Assert.Null(result.Package!.Activites);
        Assert.Null(result.Package.Allocations);
        Assert.DoesNotContain(result.Files, f => f.File is "activites.csv" or "allocations.csv");
    }

    [Fact]
    public void Activities_and_allowances_are_read_and_weeks_summed()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes), ("contacts.csv", Contacts), ("parcours.csv", Parcours), ("activites.csv", Activites), ("allocations.csv", Allocations));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Anomalies);
        var p = result.Package!;
        Assert.Equal(5, p.Activites!.Count);
        Assert.Equal("S-2024-01-15", p.Activites.For(0)[0].Session);
        var weeks = ActivitesAllocations.HeuresParSemaine(p.Activites.For(0));
        Assert.Equal([new DateOnly(2024, 1, 15), new DateOnly(2024, 1, 22)], weeks.Keys);
        Assert.Equal(16.5m, weeks[new DateOnly(2024, 1, 15)]);
        Assert.Equal(2m, weeks[new DateOnly(2024, 1, 22)]); // the planned 4 h are not counted
        Assert.True(JourneyChecks_SemaineSousMinimum(weeks));
        var allocations = p.Allocations!.For(0).ToArray();
        Assert.Equal([StatutAllocation.Paye, StatutAllocation.Rejete, StatutAllocation.ValideDirection], allocations.Select(a => a.Statut));
        Assert.Null(allocations[2].MontantDemande);
        Assert.Equal("RIB invalide", allocations[1].RetourAsp);
    }

    private static bool JourneyChecks_SemaineSousMinimum(SortedDictionary<DateOnly, decimal> weeks) =>
        !Domain.Qualite.JourneyChecks.SemaineSousMinimum(new DateOnly(2024, 1, 15), weeks[new DateOnly(2024, 1, 15)])
        && Domain.Qualite.JourneyChecks.SemaineSousMinimum(new DateOnly(2024, 1, 22), weeks[new DateOnly(2024, 1, 22)]);

    [Fact]
    public void Bad_rows_are_located_errors_and_nothing_is_kept()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes), ("contacts.csv", Contacts), ("parcours.csv", Parcours),
            ("activites.csv", "structure,jeune,date,categorie,heures,realisee\nML-A,C1,2024-01-15,ATELIER,0,1\nML-A,C1,2024-01-16,SPORT,2,1\nML-A,C1,2024-01-17,EMPLOI,25,1\n"),
            ("allocations.csv", "structure,jeune,mois,montant_du,statut\nML-A,C1,2024-1,528,PAYE\nML-A,C1,2024-02,-3,PAYE\nML-A,C1,2024-03,528,PAYE\nML-A,C1,2024-03,528,DEMANDE\n"));

        Assert.False(result.IsValid);
        Assert.Null(result.Package);
        Assert.Equal(
            ["activites.csv:2: heures: 0 heures (attendu plus de 0 et au plus 24 heures dans la journée)",
             "activites.csv:3: categorie: code invalide « SPORT » (attendu EMPLOI, FORMATION, SANTE, LOGEMENT, CITOYENNETE, PROJET_PRO, CULTURE_SPORT, ATELIER ou INFORMATION)",
             "activites.csv:4: heures: 25 heures (attendu plus de 0 et au plus 24 heures dans la journée)",
             "allocations.csv:2: mois: mois invalide « 2024-1 » (attendu AAAA-MM, ex. 2025-04)",
             "allocations.csv:3: montant_du: montant dû négatif (-3 €)",
             "allocations.csv:5: mois: mois 2024-03 en double pour ce jeune (déjà donné ligne 4)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Allowance_anomalies_are_reported_and_the_rows_kept()
    {
        var result = TempPackage.Read(("jeunes.csv", Jeunes), ("contacts.csv", Contacts), ("parcours.csv", Parcours),
            ("allocations.csv", "structure,jeune,mois,montant_du,montant_demande,statut,retour_asp\n"
                + "ML-A,C1,2024-04,552.30,,CALCULE,\n"      // 1 cent above the April 2024 amount
                + "ML-A,C1,2024-05,300,350,DEMANDE,\n"
                + "ML-A,C1,2024-06,300,300,REJETE,\n"
                + "ML-A,C2,2024-06,300,,CALCULE,\n"        // C2 has no CEJ
                + "ML-A,C1,2024-10,300,,CALCULE,\n"));     // C1's CEJ ended on 2024-09-30; its PACEA is not a CEJ

        Assert.True(result.IsValid);
        Assert.Equal(
            ["allocations.csv:2: montant_du: montant dû 552.30 € supérieur à l'allocation la plus haute du mois (552.29 €, docs/dispositifs.md)",
             "allocations.csv:3: montant_demande: montant demandé 350 € supérieur au montant dû 300 €",
             "allocations.csv:4: retour_asp: allocation rejetée par l'ASP sans motif (retour_asp vide)",
             "allocations.csv:5: mois: allocation de 2024-06 sans CEJ ouvert ce mois-là (parcours.csv)",
             "allocations.csv:6: mois: allocation de 2024-10 sans CEJ ouvert ce mois-là (parcours.csv)"],
            result.Anomalies.Select(a => a.ToString()));
    }

    [Fact]
    public void Written_and_read_back_the_cej_files_are_identical()
    {
        var first = TempPackage.Read(("jeunes.csv", Jeunes), ("contacts.csv", Contacts), ("parcours.csv", Parcours), ("activites.csv", Activites), ("allocations.csv", Allocations));
        var dir = Path.Combine(Path.GetTempPath(), "jalon-cej-" + Guid.NewGuid().ToString("N"));
        var again = Path.Combine(Path.GetTempPath(), "jalon-cej-" + Guid.NewGuid().ToString("N"));
        try
        {
            PackageWriter.Write(first.Package!, dir);
            var second = PackageReader.Read(dir);
            Assert.True(second.IsValid);
            Assert.Equal(first.Package!.Activites!.All.ToArray(), second.Package!.Activites!.All.ToArray());
            Assert.Equal(first.Package.Allocations!.All.ToArray(), second.Package.Allocations!.All.ToArray());
            PackageWriter.Write(second.Package, again);
            foreach (var file in PackageWriter.CejFiles)
                Assert.Equal(File.ReadAllText(Path.Combine(dir, file)), File.ReadAllText(Path.Combine(again, file)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            if (Directory.Exists(again)) Directory.Delete(again, true);
        }
    }
}
