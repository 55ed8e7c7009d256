using System.CommandLine;
using Jalon.Cli.Commands;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Referentiels;

namespace Jalon.Core.Tests.Structures;

/// <summary>The staff table (BRH): every rule, and seed 000's own table (« Moyens humains au 31/12/2010 »).</summary>
public class BrhTests
{
    internal static readonly string DromeDesCollines = Path.Combine(AppContext.BaseDirectory, "Fixtures", "drome-des-collines");

    private static BrhLigne Row(string code, decimal? f, decimal? h, decimal? t) => new(0, 2010, code, f, h, t);

    [Fact]
    public void Seed_000_table_gives_exactly_its_four_inconsistencies_on_the_lines_of_the_aggregate_rows()
    {
        var read = PackageReader.Read(DromeDesCollines);

        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        Assert.Empty(read.Warnings);
        Assert.Equal(
        [
            "brh.csv:3: femmes, total: B1 ≠ B11 + B12 : femmes 23 ≠ 18 + 1 = 19, total 29 ≠ 24 + 1 = 25",
            "brh.csv:39: femmes, total: A12 ≠ B12 + C12 : femmes 5 ≠ 1 + 0 = 1, total 5 ≠ 1 + 0 = 1",
            "brh.csv:40: femmes, total: A121 ≠ B121 + C121 : femmes 4 ≠ 1 + 0 = 1, total 4 ≠ 1 + 0 = 1",
            "brh.csv:41: femmes, total: A122 ≠ B122 + C122 : femmes 1 ≠ 0 + 0 = 0, total 1 ≠ 0 + 0 = 0",
        ], read.Anomalies.Where(a => a.File == "brh.csv").Select(a => a.ToString()));
        // The heading rows (B, C, A, A3, C3) are not data.
        Assert.Equal(52 - 5, read.Package!.StructureData.Brh.Count);
        Assert.DoesNotContain(read.Package.StructureData.Brh, r => r.Code is "B" or "C" or "A" or "A3" or "C3");
    }

    [Fact]
    public void Valider_reports_the_four_inconsistencies_and_exits_0()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ValiderCommand.Create() };
        var code = root.Parse(["valider", DromeDesCollines]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, code);
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["brh.csv:3: ", "brh.csv:39: ", "brh.csv:40: ", "brh.csv:41: "], lines.Select(l => l[..(l.IndexOf(':', 8) + 2)]));
        Assert.Contains("4 anomalies", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"brh\.csv\s+52 lignes", output.ToString());
    }

    [Fact]
    public void Women_plus_men_must_make_the_total()
    {
        var ecart = Assert.Single(Brh.Check([Row("B2", 20.81m, 6, 26.80m)]));
        Assert.Equal(("B2", "femmes + hommes = total", "total"), (ecart.Code, ecart.Regle, ecart.ColonnesTexte));
        Assert.Contains("20,81 + 6 = 26,81, total 26,8", ecart.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_are_compared_to_the_hundredth_in_decimal()
    {
        // 0.1 + 0.2 is exactly 0.3 in decimal; a difference below half a hundredth is no difference.
        Assert.Empty(Brh.Check([Row("A2", 0.1m, 0.2m, 0.3m)]));
        Assert.Empty(Brh.Check([Row("A2", 10.004m, 5, 15.001m)]));
        Assert.Single(Brh.Check([Row("A2", 10.01m, 5, 15)]));
    }

    [Fact]
    public void A_parent_equals_the_sum_of_its_children_and_an_empty_cell_is_never_checked()
    {
        var ecart = Assert.Single(Brh.Check([Row("B11", 18, 6, 24), Row("B111", 10, 6, 16), Row("B112", 7, 0, 7)]));
        Assert.Equal(("B11", "femmes, total"), (ecart.Code, ecart.ColonnesTexte));
        Assert.Equal("B11 ≠ B111 + B112 : femmes 18 ≠ 10 + 7 = 17, total 24 ≠ 16 + 7 = 23", ecart.Message);

        // An empty cell of a child or of the parent: that column is not checked; a missing child row: nothing is.
        Assert.Empty(Brh.Check([Row("B11", 18, null, 24), Row("B111", 10, 6, null), Row("B112", 8, 0, 8)]));
        Assert.Empty(Brh.Check([Row("B11", 18, 6, 24), Row("B111", 10, 6, 16)]));
    }

    [Fact]
    public void A_dont_row_never_exceeds_its_parent_and_is_reported_on_the_parent()
    {
        var ecarts = Brh.Check([Row("A31", 18.35m, 5, 23.35m), Row("A312", 19, 4, 23), Row("C2", 2, 0, 2), Row("C21", 2.5m, 0, 2.5m)]);
        Assert.Equal(["C2", "A31"], ecarts.Select(e => e.Code)); // in the table's order
        Assert.Equal("A312 (dont) > A31 : femmes 19 > 18,35", ecarts[1].Message);
        Assert.Equal("femmes, total", ecarts[0].ColonnesTexte);
        // « dont » rows are not summed: A311 + A312 + A313 may be less than A31.
        Assert.Empty(Brh.Check([Row("A31", 18, 5, 23), Row("A311", 1, 1, 2), Row("A312", 1, 1, 2), Row("A313", 1, 0, 1)]));
    }

    [Fact]
    public void The_breakdowns_by_body_and_by_job_add_up_to_C1_and_A2()
    {
        var ecarts = Brh.Check(
        [
            Row("C1", 3, 0, 3), Row("C31", 2, 0, 2), Row("C32", 0, 0, 0), Row("C33", 0, 0, 0), Row("C34", 0, 0, 0), Row("C35", 0, 0, 0),
            Row("A2", 22.81m, 6, 28.81m), Row("A31", 18.35m, 5, 23.35m), Row("A32", 0, 0, 0), Row("A33", 3, 0, 3), Row("A34", 1, 1, 2), Row("A35", 0.46m, 0, 0.46m),
        ]);
        var ecart = Assert.Single(ecarts);
        Assert.Equal(("C1", "ventilation C3"), (ecart.Code, ecart.Regle));
        Assert.Equal("C1 ≠ C31 + C32 + C33 + C34 + C35 : femmes 3 ≠ 2 + 0 + 0 + 0 + 0 = 2, total 3 ≠ 2 + 0 + 0 + 0 + 0 = 2", ecart.Message);
    }

    [Fact]
    public void Fte_never_exceeds_the_head_count()
    {
        var ecart = Assert.Single(Brh.Check([Row("B1", 2, 1, 3), Row("B2", 2.5m, 1, 3.5m)]));
        Assert.Equal(("B2", "ETP ≤ effectif", "femmes, total"), (ecart.Code, ecart.Regle, ecart.ColonnesTexte));
    }

    [Fact]
    public void An_unknown_code_is_an_error_and_a_heading_row_is_accepted_but_not_data()
    {
        var read = Exchange.TempPackage.Read(("brh.csv", "structure;annee;code;femmes;hommes;total\nML-A;2016;B9;1;0;1\nML-A;2016;A3;;;0\nML-A;2016;B1;-1;0;1\nML-A;2016;B1;1;0;1\n"));

        Assert.Equal(
        [
            "brh.csv:2: code: code BRH inconnu « B9 » (codes de docs/spec/brh-codes.md : B1, B11, A3121…)",
            "brh.csv:4: femmes: effectif négatif -1 (attendu un nombre ≥ 0)",
            "brh.csv:5: code: code B1 en double pour la structure « ML-A » en 2016 (déjà donné ligne 4)",
        ], read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Decimals_may_use_a_point_or_a_comma()
    {
        var read = Exchange.TempPackage.Read(("brh.csv", "structure;annee;code;femmes;hommes;total\nML-A;2016;A2;20,81;6;26.81\n"));
        Assert.True(read.IsValid);
        Assert.Equal(new BrhLigne(0, 2016, "A2", 20.81m, 6, 26.81m), Assert.Single(read.Package!.StructureData.Brh));
    }

    [Fact]
    public void The_staff_register_prefills_a_consistent_table()
    {
        var debut = new DateOnly(2010, 1, 1);
        MembrePersonnel[] register =
        [
            new("P1", "Directeur", Domain.Sexe.H, StatutPersonnel.Salarie, ContratPersonnel.Cdi, true, 1, Metier.Encadrement, debut),
            new("P2", "Conseillère", Domain.Sexe.F, StatutPersonnel.Salarie, ContratPersonnel.Cdi, false, 0.8m, Metier.Conseiller, debut, Site: "ROMANS"),
            new("P3", "Conseiller", Domain.Sexe.H, StatutPersonnel.Salarie, ContratPersonnel.Cdd, true, 1, Metier.Conseiller, debut, ContratAide: true),
            new("P4", "Chargée d'accueil", Domain.Sexe.F, StatutPersonnel.MisADisposition, ContratPersonnel.Cdi, false, 0.5m, Metier.Accueil, debut,
                Origine: CorpsOrigine.FranceTravail),
            new("P5", "Partie en 2009", Domain.Sexe.F, StatutPersonnel.Salarie, ContratPersonnel.Cdi, true, 1, Metier.Gestion, new DateOnly(2005, 1, 1),
                new DateOnly(2009, 6, 30)),
        ];

        var rows = BrhPrefill.From(register, 0, 2010);

        Assert.Empty(Brh.Check(rows));
        var byCode = rows.ToDictionary(r => r.Code);
        Assert.Equal("2/2/4", $"{byCode["A1"].Femmes}/{byCode["A1"].Hommes}/{byCode["A1"].Total}");
        Assert.Equal("1/2/3", $"{byCode["B1"].Femmes}/{byCode["B1"].Hommes}/{byCode["B1"].Total}");
        Assert.Equal(3.3m, byCode["A2"].Total);
        Assert.Equal(2.3m, byCode["A31"].Total);
        Assert.Equal(0.5m, byCode["C21"].Total);
        Assert.Equal(1m, byCode["B31"].Total);
        Assert.All(rows, r => Assert.NotNull(BrhCodes.Find(r.Code)));
    }
}

public class BrhCodeTableTests
{
    [Fact]
    public void The_code_table_in_docs_spec_is_the_one_of_the_code()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "spec", "brh-codes.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var rows = File.ReadAllLines(Path.Combine(dir.FullName, "docs", "spec", "brh-codes.md"))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| code ", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => (c[1], c[2], c[3], c[4]))
            .ToList();

        Assert.Equal(BrhCodes.All.Select(c => (c.Code, c.Libelle, c.Parent ?? "", c.Relation.ToString().ToLowerInvariant())), rows);
    }
}
