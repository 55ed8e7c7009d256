using Jalon.Core.Tests.Exchange;
using Jalon.Core.Tests.Indicators;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Criteria;

namespace Jalon.Core.Tests.Financement;

/// <summary>The « amont » schemes: column amont of parcours.csv, and the criteria of the Région's axis 2.</summary>
public sealed class AmontTests
{
    private const string Header = "structure,jeune,dispositif,debut,fin,motif_fin,neet,amont\n";

    [Fact]
    public void The_column_is_read_written_and_read_again_unchanged()
    {
        var result = TempPackage.Read(("parcours.csv", Header
            + "ML-A,A1,REGIONAL,2016-03-01,2016-05-31,FIN_DISPOSITIF,1,DPA\n"
            + "ML-A,A1,CIVIS,2016-06-01,,,1,\n"
            + "ML-A,A2,LOCAL,2016-02-01,2016-02-20,FIN_DISPOSITIF,0,ATELIER_ORIENTATION\n"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Anomalies);
        var p = result.Package!;
        Assert.Equal(["DPA", null, "ATELIER_ORIENTATION"], p.Parcours.All.ToArray().Select(x => x.Amont));

        var dir = Directory.CreateTempSubdirectory("jalon-amont-").FullName;
        try
        {
            PackageWriter.Write(p, dir);
            var lines = File.ReadAllLines(Path.Combine(dir, "parcours.csv"));
            Assert.Equal("structure,jeune,dispositif,debut,fin,motif_fin,neet,amont", lines[0]);
            Assert.Contains("ML-A,A1,REGIONAL,2016-03-01,2016-05-31,FIN_DISPOSITIF,1,DPA", lines);
            Assert.Contains("amont", File.ReadAllText(Path.Combine(dir, PackageWriter.DataPackageFile)), StringComparison.Ordinal);
            var again = PackageReader.Read(dir);
            Assert.True(again.IsValid, string.Join("\n", again.Errors));
            Assert.Equal(p.Parcours.All.ToArray(), again.Package!.Parcours.All.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_package_without_schemes_is_written_without_the_column()
    {
        var result = TempPackage.Read(("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A1,REGIONAL,2016-03-01,,,1\n"));
        var dir = Directory.CreateTempSubdirectory("jalon-amont-").FullName;
        try
        {
            PackageWriter.Write(result.Package!, dir);
            Assert.Equal("structure,jeune,dispositif,debut,fin,motif_fin,neet", File.ReadLines(Path.Combine(dir, "parcours.csv")).First());
            Assert.DoesNotContain("\"amont\"", File.ReadAllText(Path.Combine(dir, PackageWriter.DataPackageFile)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bad_codes_are_located_errors_and_unknown_codes_anomalies()
    {
        var result = TempPackage.Read(("parcours.csv", Header
            + "ML-A,A1,CIVIS,2016-03-01,,,1,DPA\n"
            + "ML-A,A1,REGIONAL,2016-03-01,,,1,dpa\n"
            + "ML-A,A2,REGIONAL,2016-03-01,,,1,CHANTIER_ECOLE\n"));
        Assert.Equal(
        [
            "parcours.csv:2: amont: dispositif amont DPA sur un parcours CIVIS (attendu un parcours REGIONAL ou LOCAL, ou la colonne amont vide)",
            "parcours.csv:3: amont: code de dispositif amont invalide « dpa » (attendu 1 à 32 caractères A-Z, 0-9 ou _, commençant par une lettre, par exemple DPA, ATELIER_ORIENTATION, IMMERSION, PREQUALIFICATION)",
        ], result.Errors.Select(e => e.ToString()));
        var anomaly = Assert.Single(result.Anomalies);
        Assert.Equal("parcours.csv:4: amont: dispositif amont « CHANTIER_ECOLE » absent de la liste de référence (DPA, ATELIER_ORIENTATION, IMMERSION, PREQUALIFICATION) : à ajouter à la liste si la Région l'a créé", anomaly.ToString());
    }

    [Fact]
    public void Entries_into_an_amont_scheme_count_by_their_debut()
    {
        var j = new Journeys();
        var inYear = j.Jeune();
        j.Parcours(inYear, Dispositif.Regional, "2016-12-31", amont: "IMMERSION");
        var before = j.Jeune();
        j.Parcours(before, Dispositif.Regional, "2015-12-31", "2016-02-01", amont: "DPA");
        var notAmont = j.Jeune();
        j.Parcours(notAmont, Dispositif.Regional, "2016-03-01");
        var p = j.Build();
        Assert.True(RegionCriteria.EntreeAmont(p.Journey(inYear), Journeys.Year2016));
        Assert.False(RegionCriteria.EntreeAmont(p.Journey(before), Journeys.Year2016));
        Assert.False(RegionCriteria.EntreeAmont(p.Journey(notAmont), Journeys.Year2016));
    }

    [Theory]
    [InlineData("2016-03-31", TypeSituation.Formation, true, false)]       // the scheme's first day
    [InlineData("2016-03-30", TypeSituation.Formation, false, false)]      // the day before the scheme
    [InlineData("2016-04-15", TypeSituation.Cdd, true, false)]             // during the scheme
    [InlineData("2017-05-31", TypeSituation.Apprentissage, false, true)]   // 12 months after its last day: still « suite à »
    [InlineData("2017-06-01", TypeSituation.Apprentissage, false, false)]  // one day more: no
    [InlineData("2016-05-20", TypeSituation.Pmsmp, false, false)]          // an immersion is neither a training nor a job
    public void Suite_a_means_from_the_schemes_first_day_to_12_months_after_its_last(string entree, TypeSituation type, bool formationOuEmploi, bool apprentissage)
    {
        var j = new Journeys();
        var jeune = j.Jeune();
        j.Parcours(jeune, Dispositif.Regional, "2016-03-31", "2016-05-31", amont: "DPA");
        j.Parcours(jeune, Dispositif.Regional, "2016-01-01"); // a regional path that is no scheme: never « suite à »
        j.Situation(jeune, type, entree);
        var p = j.Build();
        var period = new Period(new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31));
        Assert.Equal(formationOuEmploi, RegionCriteria.SuiteFormationOuEmploi(p.Journey(jeune), period));
        Assert.Equal(apprentissage, RegionCriteria.SuiteApprentissage(p.Journey(jeune), period));
    }

    [Fact]
    public void An_open_scheme_is_followed_by_any_later_entry_and_a_professional_situation_overlaps_the_period()
    {
        var j = new Journeys();
        var jeune = j.Jeune();
        j.Parcours(jeune, Dispositif.Local, "2014-01-01", amont: "PREQUALIFICATION");
        j.Situation(jeune, TypeSituation.FormationQualifiante, "2016-11-02");
        j.Situation(jeune, TypeSituation.ServiceCivique, "2015-06-01", "2016-01-01");
        var p = j.Build();
        Assert.True(RegionCriteria.SuiteFormationOuEmploi(p.Journey(jeune), Journeys.Year2016));
        Assert.True(RegionCriteria.SituationProfessionnelle(p.Journey(jeune), Journeys.Year2016));
        Assert.False(RegionCriteria.SituationProfessionnelle(p.Journey(jeune), Period.Year(2014)));
    }
}
