using Jalon.Core.Tests.Exchange;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Exchange;
using Jalon.Generator;

namespace Jalon.Core.Tests.Employeurs;

/// <summary>
/// The employer files (entreprises, echanges_entreprises, offres, mises_en_relation, immersions): optional, validated with
/// located errors, all-or-nothing, a MER is the journey's proposal and a hire its job situation, written back identically.
/// </summary>
public sealed class EmployeurFilesExchangeTests
{
    private const string Propositions = "structure,jeune,date,theme\n"
        + "ML-A,A1,2016-03-01,EMPLOI\n"
        + "ML-A,A1,2016-04-01,EMPLOI\n"
        + "ML-A,A2,2016-03-05,FORMATION\n";

    private const string Situations = "structure,jeune,type,debut,fin,duree_prevue_jours\n"
        + "ML-A,A1,CDD,2016-03-20,2016-09-19,\n"
        + "ML-A,A2,PMSMP,2016-04-04,2016-04-22,\n";

    private const string Entreprises = "structure,siret,nom,naf,taille,commune,cree_le\n"
        + "ML-A,36252187900035,Boulangerie Durand,10.71C,DE_10_A_49,26281,2015-01-10\n"
        + "ML-A,44200000000012,\"Garage Martin, mécanique\",45.20A,,26281,\n"
        + "ML-B,51200000000020,Transports Weber,,PLUS_5000,,\n";

    private const string Echanges = "structure,siret,date,mode,objet\n"
        + "ML-A,36252187900035,2016-02-15,VISITE,OFFRE_EMPLOI\n"
        + "ML-A,36252187900035,2016-05-01,TELEPHONE,SUIVI_JEUNE\n";

    private const string Offres = "structure,offre,siret,intitule,rome,contrat,duree_mois,heures,commune,postes,recue_le,debut_souhaite,statut,statut_le,pourvoi\n"
        + "ML-A,O1,36252187900035,Vendeur en boulangerie,D1106,CDD,6,35,26281,1,2016-02-20,2016-03-20,POURVUE,2016-03-15,MISE_EN_RELATION\n"
        + "ML-A,O2,44200000000012,Mécanicien,I1604,CDI,,35,26281,2,2016-03-25,,OUVERTE,,\n";

    private const string Mers = "structure,jeune,date,type,offre,siret,organisme,issue,issue_le,contrat,debut_emploi\n"
        + "ML-A,A1,2016-03-01,EMPLOI,O1,,,EMBAUCHE,2016-03-15,,2016-03-20\n"
        + "ML-A,A1,2016-04-01,EMPLOI,O2,,,,,,\n"
        + "ML-A,A2,2016-03-05,FORMATION,,,AFPA Valence,SANS_REPONSE,2016-03-20,,\n";

    private const string Immersions = "structure,jeune,type,debut,fin,siret,bilan_le,suite\n"
        + "ML-A,A2,PMSMP,2016-04-04,2016-04-22,44200000000012,2016-04-25,PROJET_CONFIRME\n";

    private static (string, string?)[] All() =>
    [
        ("propositions.csv", Propositions), ("situations.csv", Situations), ("entreprises.csv", Entreprises), ("echanges_entreprises.csv", Echanges),
        ("offres.csv", Offres), ("mises_en_relation.csv", Mers), ("immersions.csv", Immersions),
    ];

    [Fact]
    public void A_package_without_the_employer_files_reads_as_before()
    {
        var result = TempPackage.Read(("propositions.csv", Propositions), ("situations.csv", Situations));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True(result.Package!.Employeurs.IsEmpty);
        Assert.DoesNotContain(result.Files, f => PackageWriter.EmployeurFiles.Contains(f.File));
    }

    [Fact]
    public void Companies_offers_mer_and_periods_are_read()
    {
        var result = TempPackage.Read(All());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Anomalies);
        var data = result.Package!.Employeurs;
        Assert.Equal(["36252187900035", "44200000000012", "51200000000020"], data.Entreprises.Select(e => e.Siret));
        Assert.Equal("Garage Martin, mécanique", data.Entreprises[1].Nom);
        Assert.Equal(TailleEntreprise.De10A49, data.Entreprises[0].Taille);
        Assert.Equal([ModeEchange.Visite, ModeEchange.Telephone], data.Echanges.Select(e => e.Mode));
        Assert.Equal([StatutOffre.Pourvue, StatutOffre.Ouverte], data.Offres.Select(o => o.Statut));
        Assert.Null(data.Offres[1].DureeMois);
        Assert.Equal(2, data.Offres[1].Postes);
        var hire = data.MisesEnRelation[0];
        Assert.Equal((IssueMiseEnRelation.Embauche, "O1", new DateOnly(2016, 3, 20)), (hire.Issue!.Value, hire.Offre, hire.DebutEmploi!.Value));
        Assert.Null(data.MisesEnRelation[1].Issue);
        Assert.Equal("AFPA Valence", data.MisesEnRelation[2].Organisme);
        Assert.Equal(SuiteImmersion.ProjetConfirme, Assert.Single(data.Immersions).Suite);
        Assert.Equal(5, result.Files.Count(f => PackageWriter.EmployeurFiles.Contains(f.File) && f.Present));
    }

    [Fact]
    public void Bad_rows_and_broken_references_are_located_errors_and_nothing_is_kept()
    {
        var result = TempPackage.Read(("propositions.csv", Propositions), ("situations.csv", Situations),
            ("entreprises.csv", Entreprises
                + "ML-A,36252187900036,Clé fausse,,,,\n"
                + "ML-A,12345,Trop court,,,,\n"
                + "ML-A,44200000000012,Doublon,,,,\n"
                + "ML-B,44200000000012,NAF inconnu,99.99Z,,,\n"),
            ("echanges_entreprises.csv", "structure,siret,date,mode,objet\nML-A,51200000000020,2016-02-31,VISITE,OFFRE_EMPLOI\nML-A,51200000000020,2016-02-15,VISITE,OFFRE_EMPLOI\n"),
            ("offres.csv", Offres
                + "ML-A,O3,44200000000012,CDI avec durée,I1604,CDI,6,35,26281,1,2016-03-25,,OUVERTE,,\n"
                + "ML-A,O4,44200000000012,Pourvue sans mode,I16,CDD,3,35,26281,1,2016-03-25,,POURVUE,2016-03-20,\n"),
            ("mises_en_relation.csv", "structure,jeune,date,type,offre,siret,organisme,issue,issue_le,contrat,debut_emploi\n"
                + "ML-A,A9,2016-03-01,EMPLOI,O1,,,,,,\n"
                + "ML-A,A1,2016-03-01,EMPLOI,O9,,,,,,\n"
                + "ML-A,A1,2016-04-01,EMPLOI,O2,,,EMBAUCHE,2016-04-10,,2016-04-11\n"
                + "ML-A,A2,2016-03-06,FORMATION,,,AFPA,,,,\n"
                + "ML-A,A2,2016-03-05,FORMATION,,,,REFUS_JEUNE,2016-03-01,,\n"),
            ("immersions.csv", "structure,jeune,type,debut,fin,siret,bilan_le,suite\n"
                + "ML-A,A2,PMSMP,2016-04-04,2016-04-23,44200000000012,,\n"
                + "ML-A,A1,PMSMP,2016-04-04,2016-07-23,44200000000012,,\n"));

        Assert.False(result.IsValid);
        Assert.Null(result.Package);
        Assert.Equal(
            [
                "entreprises.csv:5: siret: SIRET 36252187900036 invalide : sa clé de contrôle est fausse (vérifiez chaque chiffre)",
                "entreprises.csv:6: siret: SIRET mal formé « 12345 » (attendu 14 chiffres sans espace)",
                "entreprises.csv:7: siret: SIRET 44200000000012 en double dans la structure « ML-A » (déjà donné ligne 3)",
                "entreprises.csv:8: naf: code NAF inconnu « 99.99Z » (attendu une sous-classe de la NAF rév. 2 écrite comme l'INSEE, ex. 56.10A)",
                "echanges_entreprises.csv:2: date: date invalide « 2016-02-31 » (attendu AAAA-MM-JJ)",
                "echanges_entreprises.csv:3: siret: entreprise inconnue « 51200000000020 » dans la structure « ML-A » (absente de entreprises.csv)",
                "offres.csv:4: duree_mois: durée de 6 mois pour un CDI (attendu vide)",
                "offres.csv:5: rome: code ROME mal formé « I16 » (attendu une lettre de A à N puis quatre chiffres, ex. G1602)",
                "offres.csv:5: pourvoi: offre pourvue sans mode (attendu MISE_EN_RELATION ou AUTRE_CANAL)",
                "offres.csv:5: statut_le: statut du 2016-03-20 antérieur à la réception de l'offre (2016-03-25)",
                "mises_en_relation.csv:2: jeune: jeune inconnu « A9 » dans la structure « ML-A » (absent de jeunes.csv)",
                "mises_en_relation.csv:3: offre: offre inconnue « O9 » dans la structure « ML-A » (absente de offres.csv)",
                "mises_en_relation.csv:4: debut_emploi: aucune situation CDI libre du jeune commençant le 2016-04-11 dans situations.csv (une embauche est la situation d'emploi du parcours, une seule MER par situation)",
                "mises_en_relation.csv:5: date: aucune proposition FORMATION libre du jeune le 2016-03-06 dans propositions.csv (une MER est une proposition du parcours, une seule MER par proposition)",
                "mises_en_relation.csv:6: offre: mise en relation sans offre, sans entreprise ni organisme (attendu offre, siret ou organisme)",
                "mises_en_relation.csv:6: issue_le: La date de l'issue ne peut pas précéder la mise en relation.",
                "immersions.csv:2: debut: aucune situation PMSMP libre du jeune du 2016-04-04 au 2016-04-23 dans situations.csv (une période en entreprise est une situation du parcours, une seule fois)",
                "immersions.csv:3: fin: Une période en entreprise dure au plus deux mois (un mois renouvelable une fois).",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Written_and_read_back_the_employer_files_are_identical()
    {
        var first = TempPackage.Read(All());
        var dir = Path.Combine(Path.GetTempPath(), "jalon-emp-" + Guid.NewGuid().ToString("N"));
        var again = Path.Combine(Path.GetTempPath(), "jalon-emp-" + Guid.NewGuid().ToString("N"));
        try
        {
            PackageWriter.Write(first.Package!, dir);
            var second = PackageReader.Read(dir);
            Assert.True(second.IsValid, string.Join("\n", second.Errors));
            Assert.Equal(first.Package!.Employeurs.Entreprises, second.Package!.Employeurs.Entreprises);
            Assert.Equal(first.Package.Employeurs.Echanges, second.Package.Employeurs.Echanges);
            Assert.Equal(first.Package.Employeurs.Offres, second.Package.Employeurs.Offres);
            Assert.Equal(first.Package.Employeurs.MisesEnRelation, second.Package.Employeurs.MisesEnRelation);
            Assert.Equal(first.Package.Employeurs.Immersions, second.Package.Employeurs.Immersions);
            PackageWriter.Write(second.Package, again);
            foreach (var file in PackageWriter.EmployeurFiles)
                Assert.Equal(File.ReadAllText(Path.Combine(dir, file)), File.ReadAllText(Path.Combine(again, file)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            if (Directory.Exists(again)) Directory.Delete(again, true);
        }
    }

    [Fact]
    public void The_generator_draws_the_employer_side_from_the_journeys()
    {
        var package = JourneyGenerator.Generate(new GeneratorOptions { Structures = 3, Jeunes = 3_000, Seed = 7 });
        var data = package.Employeurs;
        // A few hundred companies per Mission Locale (one per five young people, 30 to 300), valid SIRET.
        foreach (var group in data.Entreprises.GroupBy(e => e.Structure))
        {
            Assert.InRange(group.Count(), 30, 300);
            Assert.All(group, e => Assert.True(Siret.IsValid(e.Siret)));
        }
        Assert.Equal(3, data.Entreprises.Select(e => e.Structure).Distinct().Count());
        // Each MER is a job proposal of the journey; each hire is a job situation of the offer's contract, within 60 days, once.
        var offres = data.Offres.ToDictionary(o => (o.Structure, o.Id));
        var hires = 0;
        foreach (var m in data.MisesEnRelation)
        {
            Assert.Contains(new Proposition(m.Jeune, m.Date, Theme.Emploi), package.Propositions.For(m.Jeune).ToArray());
            if (m.Issue != IssueMiseEnRelation.Embauche) continue;
            hires++;
            var offre = offres[(package.Jeunes[m.Jeune].Structure, m.Offre!)];
            Assert.Equal((StatutOffre.Pourvue, ModePourvoi.MiseEnRelation), (offre.Statut, offre.Pourvoi!.Value));
            Assert.Contains(package.Situations.For(m.Jeune).ToArray(), s => s.Type == EmployeurRules.SituationOf(offre.Contrat) && s.Debut == m.DebutEmploi);
            Assert.InRange(m.DebutEmploi!.Value.DayNumber - m.Date.DayNumber, 0, 60);
        }
        Assert.True(hires > 0);
        Assert.Contains(data.MisesEnRelation, m => m.Issue is null);
        Assert.NotEmpty(data.Immersions);

        // Written and read back, the package is valid: every reference between files holds.
        var dir = Path.Combine(Path.GetTempPath(), "jalon-emp-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            PackageWriter.Write(package, dir);
            var read = PackageReader.Read(dir);
            Assert.True(read.IsValid, string.Join("\n", read.Errors.Take(5)));
            Assert.Equal(data.MisesEnRelation.Count, read.Package!.Employeurs.MisesEnRelation.Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
