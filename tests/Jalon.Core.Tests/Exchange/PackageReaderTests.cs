using System.IO.Compression;
using System.Text;
using Jalon.Domain;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Exchange;

public class PackageReaderTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");

    /// <summary>The only issue of the list, checked by its printed form.</summary>
    private static PackageIssue Single(IReadOnlyList<PackageIssue> issues, string expectedStart)
    {
        var issue = Assert.Single(issues);
        Assert.StartsWith(expectedStart, issue.ToString(), StringComparison.Ordinal);
        return issue;
    }

    private static PackageIssue SingleError(ReadResult result, string expectedStart)
    {
        Assert.Null(result.Package);
        Assert.False(result.IsValid);
        return Single(result.Errors, expectedStart);
    }

    private static PackageIssue SingleAnomaly(ReadResult result, string expectedStart)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotNull(result.Package);
        var issue = Single(result.Anomalies, expectedStart);
        Assert.False(issue.IsError);
        return issue;
    }

    [Fact]
    public void Worked_example_reads_with_the_right_counts_and_values()
    {
        var result = PackageReader.Read(Example);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Anomalies);
        Assert.Empty(result.Warnings);
        var p = result.Package!;
        Assert.Equal(["ML-A", "ML-B"], p.Structures.Select(s => s.Code));
        Assert.Equal(new Structure("ML-B", "Mission locale B", "44", "67"), p.Structures[1]);
        Assert.Equal(6, p.Jeunes.Length);
        Assert.Equal(7, p.Contacts.Count);
        Assert.Equal(1, p.Orientations.Count);
        Assert.Equal(6, p.Parcours.Count);
        Assert.Equal(3, p.Propositions.Count);
        Assert.Equal(4, p.Situations.Count);
        Assert.Equal(1, p.Droits.Count);
        Assert.Equal(0, p.Parrainages.Count);
        Assert.Equal(2, p.Moyens.Count);

        var a1 = p.Jeunes[0];
        Assert.Equal(new Jeune(0, "A1", new DateOnly(1997, 5, 2), Sexe.F, Niveau.V, false, "26281", true, false, new DateOnly(2016, 2, 10)), a1);
        Assert.Equal(Niveau.VBis, p.Jeunes[5].Niveau);
        Assert.Equal(
            [new Contact(0, new DateOnly(2016, 2, 10), ModeContact.Entretien, true), new Contact(0, new DateOnly(2016, 9, 15), ModeContact.Entretien, false)],
            p.Contacts.For(0).ToArray());
        Assert.Equal(new Parcours(0, Dispositif.GarantieJeunes, new DateOnly(2016, 3, 1), null, null, true), Assert.Single(p.Parcours.For(0).ToArray()));
        Assert.Equal(new Situation(0, TypeSituation.Cdd, new DateOnly(2016, 10, 1), null, 90), p.Situations.For(0)[1]);
        var b1 = Array.FindIndex(p.Jeunes, j => j.Id == "B1");
        Assert.Equal([Dispositif.Local, Dispositif.Consolidation], p.Parcours.For(b1).ToArray().Select(x => x.Dispositif));
        Assert.Equal(MotifFin.Autonomie, p.Parcours.For(b1)[0].MotifFin);
        var moyensB = p.MoyensOf(1, 2016)!.Value;
        Assert.Equal(2000, moyensB.Jano);
        Assert.Equal(5m, moyensB.EtpTotal);
        Assert.Null(moyensB.FinancementFse);
        Assert.Equal(50000m, p.MoyensOf(0, 2016)!.Value.FinancementFse);
        Assert.Equal(
            [("structures.csv", 2), ("jeunes.csv", 6), ("contacts.csv", 7), ("orientations.csv", 1), ("parcours.csv", 6),
             ("propositions.csv", 3), ("situations.csv", 4), ("droits.csv", 1), ("parrainages.csv", 0), ("moyens.csv", 2)],
            result.Files.Select(f => (f.File, f.Rows)));
    }

    [Fact]
    public void Optional_files_absent_mean_no_rows()
    {
        var result = TempPackage.Read();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var p = result.Package!;
        Assert.Equal(3, p.Jeunes.Length);
        Assert.Null(p.Jeunes[2].Commune);
        Assert.Equal(0, p.Contacts.Count + p.Orientations.Count + p.Parcours.Count + p.Propositions.Count + p.Situations.Count + p.Droits.Count + p.Parrainages.Count);
        Assert.Empty(p.Moyens);
        Assert.Equal(0, p.Contacts.For(2).Length);
        Assert.Equal(["structures.csv", "jeunes.csv"], result.Files.Where(f => f.Present).Select(f => f.File));
    }

    [Fact]
    public void Semicolon_delimiter_bom_crlf_and_decimal_comma()
    {
        using var package = new TempPackage(
            ("moyens.csv", "structure;annee;etp_total;financement_total\r\nML-A;2016;10,5;1200.25\r\n"));
        var jeunes = "\uFEFF" + TempPackage.Jeunes.Replace(",", ";").Replace("\n", "\r\n");
        File.WriteAllText(Path.Combine(package.Dir, "jeunes.csv"), jeunes, new UTF8Encoding(false));
        package.WriteBytes("contacts.csv", [0xEF, 0xBB, 0xBF, .. "structure;jeune;date;mode\r\nML-A;A1;2016-03-01;SMS\r\n"u8.ToArray()]);

        var result = package.Read();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var p = result.Package!;
        Assert.Equal("A1", p.Jeunes[0].Id);
        Assert.Equal(new DateOnly(2016, 2, 10), p.Jeunes[0].PremierAccueil);
        Assert.Equal(new Contact(0, new DateOnly(2016, 3, 1), ModeContact.Sms, false), Assert.Single(p.Contacts.All.ToArray()));
        var moyens = Assert.Single(p.Moyens);
        Assert.Equal(10.5m, moyens.EtpTotal);
        Assert.Equal(1200.25m, moyens.FinancementTotal);
        Assert.Null(moyens.Jano);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order()
    {
        var result = TempPackage.Read(
            ("structures.csv", "region,structure,nom\n84,ML-A,Mission locale A\n44,ML-B,Mission locale B\n"),
            ("situations.csv", "duree_prevue_jours,fin,debut,type,jeune,structure\n200,,2016-05-01,CDD,A2,ML-A\n"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var p = result.Package!;
        Assert.Equal(new Structure("ML-A", "Mission locale A", "84", null), p.Structures[0]);
        Assert.Equal(new Situation(1, TypeSituation.Cdd, new DateOnly(2016, 5, 1), null, 200), Assert.Single(p.Situations.All.ToArray()));
    }

    [Fact]
    public void Unknown_column_is_a_warning_and_the_package_is_built()
    {
        var result = TempPackage.Read(("droits.csv", "structure,jeune,commentaire,date,domaine\nML-A,A1,rien,2016-05-05,SANTE\n"));

        Assert.True(result.IsValid);
        Assert.Equal(1, result.Package!.Droits.Count);
        var warning = Single(result.Warnings, "droits.csv:1: commentaire: colonne inconnue, ignorée");
        Assert.False(warning.IsError);
    }

    [Fact]
    public void Unknown_csv_file_is_a_warning()
    {
        var result = TempPackage.Read(("contact.csv", "structure,jeune,date,mode\n"));

        Assert.True(result.IsValid);
        Single(result.Warnings, "contact.csv:0: -: fichier inconnu, ignoré");
    }

    [Fact]
    public void Quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks()
    {
        var result = TempPackage.Read(
            ("structures.csv", "structure,nom,region,departement\n\"ML-A\",\"Mission locale \"\"Drôme, Ardèche\"\"\n(siège)\",84,26\nML-B,B,44,\n"),
            ("contacts.csv", "structure,jeune,date,mode\nML-A,A1,2016-03-01,ENTRETIEN\nML-A,A1,2016-03-02,BAD\n"));

        var p = Assert.Single(result.Errors);
        Assert.Equal("contacts.csv:3: mode: code invalide « BAD » (attendu ENTRETIEN, ATELIER, TELEPHONE, COURRIEL, SMS ou COURRIER)", p.ToString());

        using var package = new TempPackage(
            ("structures.csv", "structure,nom,region,departement\n\"ML-A\",\"Mission locale \"\"Drôme, Ardèche\"\"\n(siège)\",84,26\nML-B,B,44,\nML-A,doublon,84,\n"));
        var again = package.Read();
        // The record starting on line 2 spans lines 2-3: the next records are on lines 4 and 5.
        SingleError(again, "structures.csv:5: structure: structure « ML-A » en double (déjà définie ligne 2)");

        var valid = TempPackage.Read(("structures.csv", "structure,nom,region,departement\n\"ML-A\",\"Mission locale \"\"Drôme, Ardèche\"\"\r\n(siège)\",84,\"26\"\nML-B,B,44,\n"));
        Assert.True(valid.IsValid, string.Join("\n", valid.Errors));
        Assert.Equal("Mission locale \"Drôme, Ardèche\"\r\n(siège)", valid.Package!.Structures[0].Nom);
        Assert.Equal("26", valid.Package.Structures[0].Departement);
        Assert.Null(valid.Package.Structures[1].Departement);
    }

    [Fact]
    public void Missing_required_files_are_errors_at_line_zero()
    {
        var result = TempPackage.Read(("structures.csv", null), ("jeunes.csv", null));

        Assert.Null(result.Package);
        Assert.Equal(
            ["structures.csv:0: -: fichier obligatoire absent (les autres fichiers ne sont pas contrôlés)",
             "jeunes.csv:0: -: fichier obligatoire absent (les autres fichiers ne sont pas contrôlés)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Missing_folder_is_an_error()
    {
        var result = PackageReader.Read(Path.Combine(Path.GetTempPath(), "jalon-absent-" + Guid.NewGuid()));

        Assert.Null(result.Package);
        Assert.EndsWith(":0: -: dossier introuvable", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_column_is_an_error_on_the_header()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date\nML-A,A1,2016-03-01\n"));

        var issue = SingleError(result, "contacts.csv:1: mode: colonne obligatoire absente de l'en-tête");
        Assert.True(issue.IsError);
    }

    [Fact]
    public void Missing_optional_column_means_no_value()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date,mode\nML-A,A1,2016-03-01,ENTRETIEN\n"));

        Assert.True(result.IsValid);
        Assert.False(result.Package!.Contacts.All[0].Diagnostic);
    }

    [Fact]
    public void Duplicate_column_is_an_error()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date,mode,date\nML-A,A1,2016-03-01,ENTRETIEN,2016-03-01\n"));

        SingleError(result, "contacts.csv:1: date: colonne en double dans l'en-tête (colonnes 3 et 5)");
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var result = TempPackage.Read(("contacts.csv", ""));

        SingleError(result, "contacts.csv:1: -: fichier vide");
    }

    [Fact]
    public void Invalid_date_reports_file_line_column_and_expected_form()
    {
        var jeunes = TempPackage.Jeunes.Replace("ML-B,B1,1996-03-03", "ML-B,B1,2016-13-01");

        var issue = SingleError(TempPackage.Read(("jeunes.csv", jeunes)), "jeunes.csv:4: naissance: date invalide « 2016-13-01 » (attendu AAAA-MM-JJ)");

        Assert.Equal(("jeunes.csv", 4, "naissance"), (issue.File, issue.Line, issue.Column));
    }

    [Theory]
    [InlineData("2016-02-30")]
    [InlineData("2016-2-3")]
    [InlineData("03/02/2016")]
    [InlineData("2016-02-03 ")]
    [InlineData("2015-02-29")]
    public void Dates_must_be_real_days_written_yyyy_mm_dd(string date)
    {
        var result = TempPackage.Read(("droits.csv", $"structure,jeune,date,domaine\nML-A,A1,{date},SANTE\n"));

        SingleError(result, $"droits.csv:2: date: date invalide « {date} »");
    }

    [Fact]
    public void Leap_day_is_a_date()
    {
        var result = TempPackage.Read(("droits.csv", "structure,jeune,date,domaine\nML-A,A1,2016-02-29,SANTE\n"));

        Assert.True(result.IsValid);
        Assert.Equal(new DateOnly(2016, 2, 29), result.Package!.Droits.All[0].Date);
    }

    [Fact]
    public void Invalid_boolean_integer_decimal_and_code_are_errors()
    {
        var result = TempPackage.Read(
            ("jeunes.csv", TempPackage.Jeunes.Replace("ML-A,A2,1995-11-30,H,IV,1,26281,0,1", "ML-A,A2,1995-11-30,h,IV,1,26281,oui,1")),
            ("situations.csv", "structure,jeune,type,debut,fin,duree_prevue_jours\nML-A,A1,CDD,2016-03-01,,90j\n"),
            ("moyens.csv", "structure,annee,jano,etp_total,financement_etat\nML-A,2016a,12.5,\"1 000\",1e3\n"));

        Assert.Null(result.Package);
        Assert.Equal(
            [
                "jeunes.csv:3: sexe: code invalide « h » (attendu F ou H)",
                "jeunes.csv:3: qpv: booléen invalide « oui » (attendu 0 ou 1)",
                "situations.csv:2: duree_prevue_jours: entier invalide « 90j » (attendu un nombre entier, ex. 120)",
                "moyens.csv:2: annee: entier invalide « 2016a » (attendu un nombre entier, ex. 120)",
                "moyens.csv:2: jano: entier invalide « 12.5 » (attendu un nombre entier, ex. 1200)",
                "moyens.csv:2: etp_total: nombre décimal invalide « 1 000 » (attendu par ex. 12.5 ou 12,5, sans espace)",
                "moyens.csv:2: financement_etat: nombre décimal invalide « 1e3 » (attendu par ex. 12.5 ou 12,5, sans espace)",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Codes_match_exactly()
    {
        var result = TempPackage.Read(("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A1,Civis,2016-03-01,,,1\nML-A,A1, GJ,2016-03-01,,,1\n"));

        Assert.Equal(
            ["parcours.csv:2: dispositif: code invalide « Civis » (attendu CIVIS, PPAE, GJ, CONSOLIDATION, REGIONAL, LOCAL, CEJ ou PACEA)",
             "parcours.csv:3: dispositif: code invalide «  GJ » (attendu CIVIS, PPAE, GJ, CONSOLIDATION, REGIONAL, LOCAL, CEJ ou PACEA)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Invalid_region_code_is_an_error()
    {
        var result = TempPackage.Read(("structures.csv", "structure,nom,region\nML-A,A,Auvergne\nML-B,B,44\n"));

        SingleError(result, "structures.csv:2: region: code région invalide « Auvergne »");
    }

    [Fact]
    public void Unknown_structure_is_an_error()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date,mode\nML-A,A1,2016-03-01,SMS\nML-Z,A1,2016-03-01,SMS\n"));

        SingleError(result, "contacts.csv:3: structure: structure inconnue « ML-Z » (absente de structures.csv)");
    }

    [Fact]
    public void Unknown_structure_in_jeunes_and_moyens_is_an_error()
    {
        var result = TempPackage.Read(
            ("jeunes.csv", TempPackage.Jeunes + "ML-C,C1,1997-05-02,F,V,0,,0,0,2016-02-10\n"),
            ("moyens.csv", "structure,annee\nML-C,2016\n"));

        Assert.Equal(
            ["jeunes.csv:5: structure: structure inconnue « ML-C » (absente de structures.csv)",
             "moyens.csv:2: structure: structure inconnue « ML-C » (absente de structures.csv)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Young_person_missing_from_jeunes_is_an_error()
    {
        // B1 exists, but in ML-B: the key is (structure, jeune).
        var result = TempPackage.Read(("orientations.csv", "structure,jeune,date,operateur\nML-A,B1,2016-03-01,E2C\n"));

        SingleError(result, "orientations.csv:2: jeune: jeune inconnu « B1 » dans la structure « ML-A » (absent de jeunes.csv)");
    }

    [Fact]
    public void Same_id_in_two_structures_is_two_young_people()
    {
        var result = TempPackage.Read(
            ("jeunes.csv", TempPackage.Jeunes + "ML-B,A1,1998-01-01,H,V,0,,0,0,2016-02-10\n"),
            ("propositions.csv", "structure,jeune,date,theme\nML-B,A1,2016-03-01,EMPLOI\nML-A,A1,2016-03-02,SANTE\n"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var p = result.Package!;
        Assert.Equal(new Proposition(3, new DateOnly(2016, 3, 1), Theme.Emploi), Assert.Single(p.Propositions.For(3).ToArray()));
        Assert.Equal(new Proposition(0, new DateOnly(2016, 3, 2), Theme.Sante), Assert.Single(p.Propositions.For(0).ToArray()));
    }

    [Fact]
    public void Duplicate_keys_are_errors()
    {
        var result = TempPackage.Read(
            ("structures.csv", TempPackage.Structures + "ML-A,Autre,84,\n"),
            ("jeunes.csv", TempPackage.Jeunes + "ML-A,A2,1995-11-30,H,IV,1,26281,0,1,2015-05-20\n"),
            ("moyens.csv", "structure,annee,jano\nML-A,2016,1\nML-A,2015,1\nML-A,2016,2\n"));

        Assert.Null(result.Package);
        Assert.Equal(
            ["structures.csv:4: structure: structure « ML-A » en double (déjà définie ligne 2)",
             "jeunes.csv:5: jeune: jeune « A2 » en double dans la structure « ML-A » (déjà défini ligne 3)",
             "moyens.csv:4: annee: année 2016 en double pour la structure « ML-A » (déjà donnée ligne 2)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void End_before_start_is_an_error_in_every_file()
    {
        var result = TempPackage.Read(
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A1,GJ,2016-03-01,2016-02-29,ABANDON,1\nML-A,A1,LOCAL,2016-03-01,2016-03-01,,0\n"),
            ("situations.csv", "structure,jeune,type,debut,fin\nML-A,A1,CDD,2016-03-01,2016-01-01\n"),
            ("parrainages.csv", "structure,jeune,debut,fin\nML-A,A1,2016-03-01,2015-03-01\n"));

        Assert.Equal(
            ["parcours.csv:2: fin: fin 2016-02-29 antérieure au début 2016-03-01 (attendu fin ≥ debut)",
             "situations.csv:2: fin: fin 2016-01-01 antérieure au début 2016-03-01 (attendu fin ≥ debut)",
             "parrainages.csv:2: fin: fin 2015-03-01 antérieure au début 2016-03-01 (attendu fin ≥ debut)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Diagnostic_only_with_entretien()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date,mode,diagnostic\nML-A,A1,2016-03-01,ENTRETIEN,1\nML-A,A1,2016-03-02,ATELIER,1\nML-A,A1,2016-03-03,ATELIER,0\n"));

        SingleError(result, "contacts.csv:3: diagnostic: diagnostic = 1 avec le mode ATELIER (un diagnostic approfondi n'est possible qu'avec le mode ENTRETIEN)");
    }

    [Fact]
    public void Motif_fin_needs_fin()
    {
        var result = TempPackage.Read(("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A1,GJ,2016-03-01,,ABANDON,1\n"));

        SingleError(result, "parcours.csv:2: motif_fin: motif de fin ABANDON sans date de fin");
    }

    [Fact]
    public void Planned_length_must_be_at_least_one_day()
    {
        var result = TempPackage.Read(("situations.csv", "structure,jeune,type,debut,fin,duree_prevue_jours\nML-A,A1,CDD,2016-03-01,,0\nML-A,A1,CDD,2016-03-01,,-5\nML-A,A1,CDD,2016-03-01,,1\n"));

        Assert.Equal(
            ["situations.csv:2: duree_prevue_jours: durée prévue de 0 jour (attendu un entier ≥ 1)",
             "situations.csv:3: duree_prevue_jours: durée prévue de -5 jours (attendu un entier ≥ 1)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Empty_required_value_is_an_error()
    {
        var result = TempPackage.Read(("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A1,GJ,2016-03-01,,,\n"));

        SingleError(result, "parcours.csv:2: neet: valeur obligatoire manquante");
    }

    [Fact]
    public void Wrong_number_of_fields_is_an_error()
    {
        var result = TempPackage.Read(("droits.csv", "structure,jeune,date,domaine\nML-A,A1,2016-05-05\nML-A,A1,2016-05-05,SANTE,x\n"));

        Assert.Equal(
            ["droits.csv:2: -: 3 champs au lieu de 4 (un par colonne de l'en-tête)",
             "droits.csv:3: -: 5 champs au lieu de 4 (un par colonne de l'en-tête)"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Bad_quoting_is_an_error()
    {
        var result = TempPackage.Read(("droits.csv", "structure,jeune,date,domaine\nML-A,A\"1,2016-05-05,SANTE\nML-A,\"A1\"x,2016-05-05,SANTE\nML-A,A1,2016-05-05,SANTE\nML-A,\"A1,2016-05-05,SANTE\n"));

        Assert.Collection(result.Errors,
            e => Assert.StartsWith("droits.csv:2: -: guillemet inattendu dans une valeur qui ne commence pas par un guillemet", e.ToString(), StringComparison.Ordinal),
            e => Assert.StartsWith("droits.csv:3: -: caractère inattendu après un guillemet fermant", e.ToString(), StringComparison.Ordinal),
            e => Assert.StartsWith("droits.csv:5: -: guillemet ouvrant sans guillemet fermant", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Text_not_in_utf8_is_an_error()
    {
        using var package = new TempPackage();
        package.WriteBytes("structures.csv", [.. "structure,nom,region\nML-A,Mission locale de la Dr"u8.ToArray(), 0xF4, .. "me,84\nML-B,B,44\n"u8.ToArray()]);

        SingleError(package.Read(), "structures.csv:2: nom: texte mal encodé « Mission locale de la Dr\uFFFDme » (attendu un fichier encodé en UTF-8)");
    }

    [Fact]
    public void Age_outside_16_25_on_first_reception_is_an_anomaly()
    {
        var result = TempPackage.Read(("jeunes.csv", TempPackage.Jeunes
            + "ML-B,B2,2000-02-11,F,V,0,,0,0,2016-02-10\n"     // 15 the day before 16
            + "ML-B,B3,2000-02-10,F,V,0,,0,0,2016-02-10\n"     // 16 that very day
            + "ML-B,B4,1990-02-11,F,V,0,,0,0,2016-02-10\n"     // 25
            + "ML-B,B5,1990-02-10,F,V,0,,0,0,2016-02-10\n"));  // 26

        Assert.True(result.IsValid);
        Assert.Equal(
            ["jeunes.csv:5: premier_accueil: âge de 15 ans au premier accueil (attendu de 16 à 25 ans)",
             "jeunes.csv:8: premier_accueil: âge de 26 ans au premier accueil (attendu de 16 à 25 ans)"],
            result.Anomalies.Select(a => a.ToString()));
        Assert.Equal(7, result.Package!.Jeunes.Length);
    }

    [Fact]
    public void Event_before_first_reception_or_birth_is_an_anomaly()
    {
        var result = TempPackage.Read(
            ("contacts.csv", "structure,jeune,date,mode\nML-A,A1,2016-02-10,SMS\nML-A,A1,2016-02-09,SMS\n"),
            ("situations.csv", "structure,jeune,type,debut,fin\nML-A,A1,FORMATION_INITIALE,1990-01-01,2016-06-30\n"),
            ("parrainages.csv", "structure,jeune,debut,fin\nML-A,A2,2015-05-19,\n"));

        Assert.True(result.IsValid);
        Assert.Equal(
            ["contacts.csv:3: date: date 2016-02-09 antérieure au premier accueil du jeune (2016-02-10)",
             "situations.csv:2: debut: date 1990-01-01 antérieure à la naissance du jeune (1997-05-02)",
             "parrainages.csv:2: debut: date 2015-05-19 antérieure au premier accueil du jeune (2015-05-20)"],
            result.Anomalies.Select(a => a.ToString()));
    }

    [Fact]
    public void Consolidation_longer_than_four_months_is_an_anomaly()
    {
        var result = TempPackage.Read(("parcours.csv", """
            structure,jeune,dispositif,debut,fin,motif_fin,neet
            ML-A,A1,CONSOLIDATION,2016-03-01,2016-07-01,,1
            ML-A,A2,CONSOLIDATION,2016-03-01,2016-07-02,,1
            ML-B,B1,CONSOLIDATION,2016-03-01,,,1
            ML-B,B1,LOCAL,2014-10-01,2016-01-01,,1

            """));

        var issue = SingleAnomaly(result, "parcours.csv:3: fin: séquence de consolidation de plus de 4 mois (2016-03-01 → 2016-07-02, attendu au plus 4 mois)");
        Assert.Equal("fin", issue.Column);
    }

    [Fact]
    public void Overlapping_national_paths_are_an_anomaly()
    {
        var result = TempPackage.Read(("parcours.csv", """
            structure,jeune,dispositif,debut,fin,motif_fin,neet
            ML-A,A1,CIVIS,2016-03-01,2016-06-30,FIN_DISPOSITIF,1
            ML-A,A1,LOCAL,2016-04-01,,,1
            ML-A,A1,GJ,2016-07-01,,,1
            ML-A,A2,PPAE,2016-01-01,,,0
            ML-A,A2,GJ,2016-12-31,2017-01-31,,0
            ML-B,B1,CIVIS,2015-01-01,2015-12-31,,0

            """));

        SingleAnomaly(result, "parcours.csv:6: debut: parcours national GJ (2016-12-31 → 2017-01-31) chevauchant le parcours national PPAE de la ligne 5 (2016-01-01 → en cours)");
    }

    [Fact]
    public void Overlapping_national_paths_are_found_when_the_rows_are_not_grouped_by_young_person()
    {
        var result = TempPackage.Read(("parcours.csv", """
            structure,jeune,dispositif,debut,fin,motif_fin,neet
            ML-A,A2,PPAE,2016-01-01,,,0
            ML-B,B1,CIVIS,2015-01-01,2015-12-31,,0
            ML-A,A1,CIVIS,2016-03-01,2016-06-30,FIN_DISPOSITIF,1
            ML-A,A2,GJ,2016-12-31,2017-01-31,,0
            ML-A,A1,GJ,2016-07-01,,,1

            """));

        SingleAnomaly(result, "parcours.csv:5: debut: parcours national GJ (2016-12-31 → 2017-01-31) chevauchant le parcours national PPAE de la ligne 2 (2016-01-01 → en cours)");
    }

    [Fact]
    public void Events_in_any_order_are_grouped_by_young_person_in_file_order()
    {
        const string header = "structure,jeune,date,mode\n";
        string[] rows = ["ML-A,A1,2016-03-01,ENTRETIEN", "ML-A,A1,2016-04-01,TELEPHONE", "ML-A,A2,2016-01-05,ENTRETIEN", "ML-B,B1,2016-02-01,COURRIER", "ML-B,B1,2016-02-02,ENTRETIEN"];
        // The same rows grouped (the table keeps the read's array) and interleaved (the table groups a copy).
        var grouped = TempPackage.Read(("contacts.csv", header + string.Join("\n", rows) + "\n")).Package!;
        var mixed = TempPackage.Read(("contacts.csv", header + string.Join("\n", rows[3], rows[0], rows[2], rows[4], rows[1]) + "\n")).Package!;

        foreach (var p in new[] { grouped, mixed })
        {
            Assert.Equal(5, p.Contacts.Count);
            Assert.Equal([new DateOnly(2016, 3, 1), new DateOnly(2016, 4, 1)], p.Contacts.For(0).ToArray().Select(c => c.Date));
            Assert.Equal([new DateOnly(2016, 1, 5)], p.Contacts.For(1).ToArray().Select(c => c.Date));
            Assert.Equal([ModeContact.Courrier, ModeContact.Entretien], p.Contacts.For(2).ToArray().Select(c => c.Mode));
        }
        Assert.Equal(grouped.Contacts.All.ToArray(), mixed.Contacts.All.ToArray());
    }

    [Fact]
    public void Every_error_is_reported_and_no_package_is_built()
    {
        var result = TempPackage.Read(
            ("jeunes.csv", TempPackage.Jeunes.Replace("ML-A,A1,1997-05-02,F", "ML-A,A1,1997-05-02,X") + "ML-A,A3,,F,V,0,,0,0,2016-01-01\n"),
            ("contacts.csv", "structure,jeune,date,mode\nML-A,A9,2016-03-01,SMS\nML-A,A1,2016-03-01,FAX\n"),
            ("parcours.csv", "structure,jeune,dispositif,debut,fin,motif_fin,neet\nML-A,A2,GJ,2016-03-01,,AUTRE,2\n"),
            ("orientations.csv", "structure,jeune,date,operateur\nML-A,A2,2016-02-01,E2C\nML-A,A2,2016-02-01,E2C\n"));

        Assert.Null(result.Package);
        Assert.Equal(
            [
                "jeunes.csv:2: sexe: code invalide « X » (attendu F ou H)",
                "jeunes.csv:5: naissance: valeur obligatoire manquante",
                "contacts.csv:2: jeune: jeune inconnu « A9 » dans la structure « ML-A » (absent de jeunes.csv)",
                "contacts.csv:3: mode: code invalide « FAX » (attendu ENTRETIEN, ATELIER, TELEPHONE, COURRIEL, SMS ou COURRIER)",
                "parcours.csv:2: neet: booléen invalide « 2 » (attendu 0 ou 1)",
                "parcours.csv:2: motif_fin: motif de fin AUTRE sans date de fin (renseigner fin, ou laisser motif_fin vide)",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(6, result.ErrorCount);
    }

    [Fact]
    public void Issues_beyond_the_limit_are_counted_not_listed()
    {
        var csv = new StringBuilder("structure,jeune,date,mode\n");
        for (var i = 0; i < PackageReader.MaxReportedIssues + 5; i++) csv.Append("ML-A,A1,2016-03-01,FAX\n");

        var result = TempPackage.Read(("contacts.csv", csv.ToString()));

        Assert.Equal(PackageReader.MaxReportedIssues, result.Errors.Count);
        Assert.Equal(5, result.OmittedErrors);
        Assert.Equal(PackageReader.MaxReportedIssues + 5, result.ErrorCount);
        Assert.Equal(2, result.Errors[0].Line);
        Assert.Equal(PackageReader.MaxReportedIssues + 1, result.Errors[^1].Line);
        var text = new StringWriter();
        result.WriteIssues(text);
        Assert.EndsWith("… et 5 autres erreurs non listées" + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Large_files_are_cut_into_chunks_without_losing_records_or_line_numbers()
    {
        // About 3 MB: several chunks, with quoted line breaks scattered over the chunk boundaries.
        var jeunes = new StringBuilder("structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\n");
        var contacts = new StringBuilder("structure,jeune,date,mode\n");
        var line = 1;
        const int count = 30_000;
        for (var i = 0; i < count; i++)
        {
            jeunes.Append(i % 7 == 0 ? $"ML-A,\"J{i}\",1997-05-02,F,V,0,\"{i}\n\",1,0,2016-02-10\n" : $"ML-A,J{i},1997-05-02,F,V,0,{i},1,0,2016-02-10\n");
            for (var k = 0; k < 3; k++)
            {
                contacts.Append(k == 1 && i % 5 == 0 ? $"\"ML-A\",\"J{i}\",\"2016-03-0{k + 1}\",\"SMS\"\n" : $"ML-A,J{i},2016-03-0{k + 1},ENTRETIEN\n");
                line++;
            }
        }
        contacts.Append("ML-A,J42,2016-03-01,FAX\n");
        line++;
        var result = TempPackage.Read(("jeunes.csv", jeunes.ToString()), ("contacts.csv", contacts.ToString()));

        Assert.True(contacts.Length > 2 * (1 << 20));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"contacts.csv:{line}: mode: code invalide « FAX » (attendu ENTRETIEN, ATELIER, TELEPHONE, COURRIEL, SMS ou COURRIER)", error.ToString());
        Assert.Equal(count, result.Files[1].Rows);
        Assert.Equal(3 * count + 1, result.Files[2].Rows);

        var valid = TempPackage.Read(("jeunes.csv", jeunes.ToString()), ("contacts.csv", contacts.ToString()[..^"ML-A,J42,2016-03-01,FAX\n".Length]));
        Assert.True(valid.IsValid);
        var p = valid.Package!;
        Assert.Equal(count, p.Jeunes.Length);
        Assert.Equal("7\n", p.Jeunes[7].Commune);
        Assert.Equal(3 * count, p.Contacts.Count);
        for (var j = 0; j < count; j += 997)
        {
            Assert.Equal($"J{j}", p.Jeunes[j].Id);
            var mine = p.Contacts.For(j).ToArray();
            Assert.Equal([1, 2, 3], mine.Select(c => c.Date.Day));
            Assert.Equal(j % 5 == 0 ? ModeContact.Sms : ModeContact.Entretien, mine[1].Mode);
        }
    }

    [Fact]
    public void A_record_longer_than_a_chunk_is_read_whole()
    {
        var nom = new string('é', 1_500_000) + "\n,\"\"";
        var quoted = "\"" + nom.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var result = TempPackage.Read(("structures.csv", $"nom,structure,region\n{quoted},ML-A,84\nB,ML-B,44\nC,ML-C,4\n"));

        SingleError(result, "structures.csv:5: region: code région invalide « 4 »");
        var valid = TempPackage.Read(("structures.csv", $"nom,structure,region\n{quoted},ML-A,84\nB,ML-B,44\n"));
        Assert.Equal(nom, valid.Package!.Structures[0].Nom);
    }

    [Fact]
    public void Reads_from_a_file_source_and_from_a_zip()
    {
        var files = PackageReader.FileNames.Where(f => File.Exists(Path.Combine(Example, f))).ToArray();
        var fromSource = PackageReader.Read(name => files.Contains(name) ? File.OpenRead(Path.Combine(Example, name)) : null);
        Assert.True(fromSource.IsValid);
        Assert.Equal(7, fromSource.Package!.Contacts.Count);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var f in files) archive.CreateEntryFromFile(Path.Combine(Example, f), "paquet/" + f);
            archive.CreateEntry("paquet/");
        }
        zip.Position = 0;
        var fromZip = PackageReader.ReadZip(zip);
        Assert.True(fromZip.IsValid, string.Join("\n", fromZip.Errors));
        Assert.Equal(6, fromZip.Package!.Jeunes.Length);
        Assert.Equal(7, fromZip.Package.Contacts.Count);
        Assert.Equal(2, fromZip.Package.Moyens.Count);

        var notZip = PackageReader.ReadZip(new MemoryStream("structure\n"u8.ToArray()));
        Assert.Null(notZip.Package);
        Assert.StartsWith("archive.zip:0: -: archive zip illisible", Assert.Single(notZip.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteIssues_prints_errors_then_anomalies_then_warnings()
    {
        var result = TempPackage.Read(("contacts.csv", "structure,jeune,date,mode,x\nML-A,A1,2016-02-09,SMS,\n"));
        var writer = new StringWriter();

        result.WriteIssues(writer);

        Assert.Equal(
            "contacts.csv:2: date: date 2016-02-09 antérieure au premier accueil du jeune (2016-02-10)" + Environment.NewLine +
            "contacts.csv:1: x: colonne inconnue, ignorée" + Environment.NewLine,
            writer.ToString());
    }
}
