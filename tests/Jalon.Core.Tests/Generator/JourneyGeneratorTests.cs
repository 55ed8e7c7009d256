using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Referentiels;

namespace Jalon.Core.Tests.Generator;

public sealed class JourneyGeneratorTests(GeneratedPackages packages) : IClassFixture<GeneratedPackages>
{
    private static readonly Period AnneeN = Period.Year(GeneratedPackages.Annee);
    private static readonly DateOnly Extraction = new(GeneratedPackages.Annee, 12, 31);

    [Fact]
    public void Same_seed_gives_identical_files_and_another_seed_different_ones()
    {
        var options = new GeneratorOptions { Structures = 3, Jeunes = 3_000, Seed = 7 };
        var a = Path.Combine(packages.Root, "seed7-a");
        var b = Path.Combine(packages.Root, "seed7-b");
        var c = Path.Combine(packages.Root, "seed8");
        PackageWriter.Write(JourneyGenerator.Generate(options), a);
        PackageWriter.Write(JourneyGenerator.Generate(options), b);
        PackageWriter.Write(JourneyGenerator.Generate(options with { Seed = 8 }), c);

        foreach (var file in PackageWriter.Files.Append(PackageWriter.DataPackageFile))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "jeunes.csv")), File.ReadAllBytes(Path.Combine(c, "jeunes.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "contacts.csv")), File.ReadAllBytes(Path.Combine(c, "contacts.csv")));
    }

    [Fact]
    public void Sizes_add_up_to_the_options()
    {
        var p = packages.Medium;
        Assert.Equal(5, p.Structures.Count);
        Assert.Equal(20_000, p.Jeunes.Length);
        Assert.Equal(["ML0001", "ML0002", "ML0003", "ML0004", "ML0005"], p.Structures.Select(s => s.Code));
        Assert.Equal(10, p.Moyens.Count);
        Assert.All(p.Structures.Select((_, i) => i), s =>
            Assert.Equal([GeneratedPackages.Annee - 1, GeneratedPackages.Annee], p.Moyens.Where(m => m.Structure == s).Select(m => m.Annee).Order()));
    }

    [Fact]
    public void Proportions_are_plausible()
    {
        var p = packages.Medium;
        var n = p.Jeunes.Length;
        var enContact = Enumerable.Range(0, n).Where(j => InContact(p, j, AnneeN)).ToList();
        var premiers = Enumerable.Range(0, n).Where(j => AnneeN.Contains(p.Jeunes[j].PremierAccueil)).ToList();

        // About 1 M in contact and 450–500 k first receptions for 1.1 M young people nationally.
        Assert.InRange(enContact.Count / (double)n, 0.78, 0.95);
        Assert.InRange(premiers.Count / (double)n, 0.38, 0.48);
        Assert.InRange(Share(enContact, j => p.Jeunes[j].Sexe == Sexe.F), 0.45, 0.55);
        Assert.InRange(Share(enContact, j => p.Jeunes[j].IsInfraV), 0.34, 0.46);

        // In-depth diagnostic for about two thirds of first receptions, within weeks.
        Assert.InRange(Share(premiers, j => HasDiagnostic(p, j, p.Jeunes[j].PremierAccueil.AddDays(60))), 0.58, 0.72);

        // Interviews dominate the contacts.
        var contacts = p.Contacts.All.ToArray();
        Assert.InRange(contacts.Count(c => c.Mode == ModeContact.Entretien) / (double)contacts.Length, 0.5, 0.7);
        Assert.InRange(contacts.Length / (double)n, 6, 16);

        // Path entries in Y: mostly NEET; national paths well represented; consolidation sequences mostly ≤ 4 months.
        var entrees = p.Parcours.All.ToArray().Where(x => AnneeN.Contains(x.Debut)).ToList();
        Assert.InRange(entrees.Count(x => x.Neet) / (double)entrees.Count, 0.75, 0.95);
        Assert.InRange(entrees.Select(x => x.Jeune).Distinct().Count() / (double)enContact.Count, 0.2, 0.45);
        var consolidations = p.Parcours.All.ToArray().Where(x => x.Dispositif == Dispositif.Consolidation && x.Fin is not null).ToList();
        Assert.InRange(consolidations.Count(x => (x.Fin!.Value.DayNumber - x.Debut.DayNumber) / Dates.DaysPerMonth <= 4) / (double)consolidations.Count, 0.9, 1.0);

        // Proposals: EMPLOI then FORMATION dominate.
        var themes = p.Propositions.All.ToArray().GroupBy(x => x.Theme).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        Assert.Equal([Theme.Emploi, Theme.Formation], themes.Take(2));

        // A small rate of age anomalies (outside 16–25 on the first reception), not zero.
        var ages = p.Jeunes.Count(j => j.AgeOn(j.PremierAccueil) is < 16 or > 25) / (double)n;
        Assert.InRange(ages, 0.0005, 0.01);
    }

    [Fact]
    public void Every_code_of_the_format_is_exercised()
    {
        var p = packages.Medium;
        Assert.Equal(Enum.GetValues<ModeContact>().Order(), p.Contacts.All.ToArray().Select(c => c.Mode).Distinct().Order());
        // The package is of 2016: the CEJ (2022) and the PACEA (2017) did not exist yet.
        Assert.Equal(Enum.GetValues<Dispositif>().Where(d => d is not Dispositif.Cej and not Dispositif.Pacea).Order(),
            p.Parcours.All.ToArray().Select(c => c.Dispositif).Distinct().Order());
        Assert.Equal(Enum.GetValues<MotifFin>().Order(), p.Parcours.All.ToArray().Where(c => c.MotifFin is not null).Select(c => c.MotifFin!.Value).Distinct().Order());
        Assert.Equal(Enum.GetValues<Theme>().Order(), p.Propositions.All.ToArray().Select(c => c.Theme).Distinct().Order());
        Assert.Equal(Enum.GetValues<TypeSituation>().Order(), p.Situations.All.ToArray().Select(c => c.Type).Distinct().Order());
        Assert.Equal(Enum.GetValues<DomaineDroit>().Order(), p.Droits.All.ToArray().Select(c => c.Domaine).Distinct().Order());
        Assert.Equal(Enum.GetValues<Niveau>().Order(), p.Jeunes.Select(j => j.Niveau).Distinct().Order());
        Assert.True(p.Orientations.All.ToArray().Select(o => o.Operateur).Distinct().Count() >= 8);
        Assert.True(p.Parrainages.Count > 0);
        Assert.Contains(p.Parrainages.All.ToArray(), x => x.Fin is null);
        Assert.Contains(p.Parrainages.All.ToArray(), x => x.Fin is not null);
        Assert.Contains(p.Situations.All.ToArray(), s => s.IsEmploiDurable);
        Assert.Contains(p.Situations.All.ToArray(), s => s.Type == TypeSituation.Cdd && !s.IsEmploiDurable);
        Assert.Contains(p.Parcours.All.ToArray(), x => x.Fin is null);
    }

    [Fact]
    public void Journeys_exercise_the_indicators()
    {
        var p = packages.Medium;
        // I4.1.f: a professional situation begun during a national path; I8.1.f: exits towards employment;
        // I4.1.h: a parrainage during a national path; I4.2.c12: first national path 12 months before.
        var proDuringNational = 0;
        var exitsToJob = 0;
        var parrainageDuringNational = 0;
        for (var j = 0; j < p.Jeunes.Length; j++)
        {
            var journey = p.Journey(j);
            foreach (var path in journey.Parcours)
            {
                if (!path.Dispositif.IsNational()) continue;
                foreach (var s in journey.Situations)
                {
                    if (s.Type.IsProfessional() && path.Interval.IsActiveOn(s.Debut) && AnneeN.Contains(s.Debut)) proDuringNational++;
                    if (path.Fin is { } fin && AnneeN.Contains(fin) && s.Type.IsEmploi() && s.Interval.IsActiveOn(fin)) exitsToJob++;
                }
                foreach (var x in journey.Parrainages)
                {
                    if (x.Interval.Overlaps(path.Interval)) parrainageDuringNational++;
                }
            }
        }
        Assert.True(proDuringNational > 500, $"{proDuringNational}");
        Assert.True(exitsToJob > 300, $"{exitsToJob}");
        Assert.True(parrainageDuringNational > 50, $"{parrainageDuringNational}");
    }

    [Fact]
    public void Places_are_real_INSEE_codes_and_consistent()
    {
        var insee = InseeData.Instance;
        foreach (var p in new[] { packages.Medium, packages.AllDepartements })
        {
            foreach (var s in p.Structures)
            {
                Assert.True(insee.RegionsByCode.ContainsKey(s.Region), s.Region);
                var departement = insee.DepartementsByCode[s.Departement!];
                Assert.Equal(s.Region, departement.Region);
                Assert.StartsWith("Mission locale d", s.Nom, StringComparison.Ordinal);
            }
            foreach (var j in p.Jeunes)
            {
                var commune = insee.CommunesByCode[j.Commune!];
                Assert.Equal(p.Structures[j.Structure].Departement, commune.Departement);
            }
        }
        var all = packages.AllDepartements;
        Assert.Equal(insee.Departements.Count, all.Structures.Select(s => s.Departement).Distinct().Count());
        Assert.Equal(all.Structures.Count, all.Structures.Select(s => s.Nom).Distinct().Count());
    }

    [Fact]
    public void Qpv_and_zrr_shares_are_national_orders_of_magnitude()
    {
        var p = packages.AllDepartements;
        var all = Enumerable.Range(0, p.Jeunes.Length).ToList();
        Assert.InRange(Share(all, j => p.Jeunes[j].Qpv), 0.09, 0.17);
        Assert.InRange(Share(all, j => p.Jeunes[j].Zrr), 0.08, 0.17);
        // ZRR is a property of the commune.
        Assert.All(p.Jeunes.GroupBy(j => j.Commune), g => Assert.Single(g.Select(j => j.Zrr).Distinct()));
        // Moyens: one ETP for 100–150 young people in contact, 2 000–3 000 € per young person in a path, State 35–45 %, FSE sometimes empty.
        Assert.Contains(p.Moyens, m => m.FinancementFse is null);
        Assert.Contains(p.Moyens, m => m.FinancementFse is not null);
        Assert.All(p.Moyens, m =>
        {
            Assert.InRange(m.FinancementEtat!.Value / m.FinancementTotal!.Value, 0.35m, 0.45m);
            Assert.True(m.EtpAccompagnement <= m.EtpTotal);
            Assert.True(m.Defm < m.Jano);
        });
    }

    [Fact]
    public void A_regional_package_places_its_structures_in_the_region_around_the_given_territories()
    {
        var drome = Structures.StructureSideTests.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drome-des-collines"));
        var communes = drome.StructureData.Territoires.Select(t => t.Commune).ToList();
        var p = JourneyGenerator.Generate(new GeneratorOptions
        {
            Structures = 12, Jeunes = 1_200, Seed = 3, Annee = 2025, Region = "84",
            Given = [new GivenStructure(drome.Structures[0], communes, 150)],
        });

        Assert.Equal(13, p.Structures.Count);
        Assert.Equal("DDCRV", p.Structures[0].Code);
        Assert.All(p.Structures, s => Assert.Equal("84", s.Region));
        Assert.Equal(12, p.Structures.Select(s => s.Departement).Distinct().Count()); // one per department of the region
        Assert.Equal(150, p.Jeunes.Count(j => j.Structure == 0));
        Assert.Equal(1_350, p.Jeunes.Length);
        // The given structure's young people live in its communes; no generated structure covers them.
        Assert.All(p.Jeunes.Where(j => j.Structure == 0), j => Assert.Contains(j.Commune, communes));
        Assert.Equal(communes.Order(StringComparer.Ordinal), p.StructureData.Territoires.Where(t => t.Structure == 0).Select(t => t.Commune).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(p.StructureData.Territoires, t => t.Structure != 0 && communes.Contains(t.Commune));
        Assert.Contains(p.Structures, s => s.Departement == "26" && s.Code != "DDCRV"); // Valence keeps the rest of the Drôme
        Assert.Equal("la région « 99 » n'existe pas au COG.", new GeneratorOptions { Region = "99" }.Validate());
    }

    [Fact]
    public void National_plan_places_440_structures_in_every_department_with_skewed_sizes()
    {
        var plans = TerritoryPlanner.Plan(InseeData.Instance, 440, 1_100_000, Rng.For(1, -1));
        Assert.Equal(440, plans.Count);
        Assert.Equal(1_100_000, plans.Sum(x => x.Size));
        Assert.Equal(18, plans.Select(x => x.Departement.Region).Distinct().Count()); // 13 metropolitan + 5 overseas
        Assert.Equal(InseeData.Instance.Departements.Count, plans.Select(x => x.Departement.Code).Distinct().Count());
        Assert.InRange(plans.Min(x => x.Size), 150, 800);
        Assert.InRange(plans.Max(x => x.Size), 10_000, 15_000);
        var sorted = plans.Select(x => x.Size).Order().ToArray();
        Assert.True(sorted[^44..].Sum() > 8 * sorted[..44].Sum(), "the largest tenth outweighs the smallest tenth by far");
        Assert.Single(plans, x => x.Departement.Code == "75");
        Assert.Contains(plans, x => x.Nom == "Mission locale de Lyon");
        // Territories partition each department's communes.
        foreach (var departement in plans.GroupBy(x => x.Departement.Code))
        {
            var communes = departement.SelectMany(x => x.Communes).ToList();
            Assert.Equal(communes.Count, communes.Distinct().Count());
            Assert.Equal(InseeData.Instance.CommunesByDepartement[departement.Key].Count, communes.Count);
        }
    }

    [Theory]
    [InlineData("Lyon", "Mission locale de Lyon")]
    [InlineData("Avignon", "Mission locale d'Avignon")]
    [InlineData("Le Havre", "Mission locale du Havre")]
    [InlineData("La Rochelle", "Mission locale de la Rochelle")]
    [InlineData("Les Mureaux", "Mission locale des Mureaux")]
    [InlineData("L'Haÿ-les-Roses", "Mission locale de l'Haÿ-les-Roses")]
    [InlineData("Évry-Courcouronnes", "Mission locale d'Évry-Courcouronnes")]
    public void Structure_names_follow_French_elision(string commune, string nom) => Assert.Equal(nom, TerritoryPlanner.NomDe(commune));

    [Fact]
    public void Generated_data_has_no_error_by_the_format_rules()
    {
        foreach (var p in new[] { packages.Medium, packages.AllDepartements })
        {
            Assert.Equal(p.Structures.Count, p.Structures.Select(s => s.Code).Distinct().Count());
            Assert.Equal(p.Jeunes.Length, p.Jeunes.Select(j => (j.Structure, j.Id)).Distinct().Count());
            Assert.Equal(p.Moyens.Count, p.Moyens.Select(m => (m.Structure, m.Annee)).Distinct().Count());
            foreach (var c in p.Contacts.All) Assert.True(!c.Diagnostic || c.Mode == ModeContact.Entretien);
            foreach (var x in p.Parcours.All)
            {
                Assert.True(x.Fin is null || x.Fin >= x.Debut);
                Assert.True(x.MotifFin is null || x.Fin is not null);
            }
            foreach (var x in p.Situations.All)
            {
                Assert.True(x.Fin is null || x.Fin >= x.Debut);
                Assert.True(x.DureePrevueJours is null or >= 1);
            }
            foreach (var x in p.Parrainages.All) Assert.True(x.Fin is null || x.Fin >= x.Debut);

            // Nothing after the extraction day, nothing before the first reception.
            for (var j = 0; j < p.Jeunes.Length; j++)
            {
                var journey = p.Journey(j);
                var first = journey.Jeune.PremierAccueil;
                Assert.True(first <= Extraction);
                foreach (var c in journey.Contacts) Assert.InRange(c.Date, first, Extraction);
                foreach (var x in journey.Parcours) Assert.InRange(x.Debut, first, Extraction);
                foreach (var x in journey.Situations) Assert.InRange(x.Debut, first, Extraction);
                foreach (var x in journey.Propositions) Assert.InRange(x.Date, first, Extraction);
                foreach (var x in journey.Orientations) Assert.InRange(x.Date, first, Extraction);
                foreach (var x in journey.Droits) Assert.InRange(x.Date, first, Extraction);
            }
        }
    }

    [Fact]
    public void Reader_finds_no_error_and_few_anomalies()
    {
        var result = PackageReader.Read(packages.MediumDirectory);
        Assert.True(result.IsValid, string.Join('\n', result.Errors.Take(20)));
        Assert.Equal(20_000, result.Package!.Jeunes.Length);
        Assert.Equal(packages.Medium.Contacts.Count, result.Package.Contacts.Count);
        Assert.InRange(result.AnomalyCount, 20, 600); // ages, overlapping national paths, long consolidation sequences
        Assert.Contains(result.Anomalies, a => a.File == "jeunes.csv");
        Assert.Contains(result.Anomalies, a => a.File == "parcours.csv");
    }

    [Fact]
    public void Write_read_write_gives_identical_bytes()
    {
        var again = Path.Combine(packages.Root, "medium-again");
        var result = PackageReader.Read(packages.MediumDirectory);
        Assert.True(result.IsValid);
        PackageWriter.Write(result.Package!, again);
        foreach (var file in PackageWriter.Files.Append(PackageWriter.DataPackageFile))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(packages.MediumDirectory, file)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), file);
        }
    }

    [Fact]
    public void Generator_refuses_bad_options()
    {
        Assert.Throws<ArgumentException>(() => JourneyGenerator.Generate(new GeneratorOptions { Structures = 0 }));
        Assert.Throws<ArgumentException>(() => JourneyGenerator.Generate(new GeneratorOptions { Structures = 10, Jeunes = 5 }));
        Assert.NotNull(new GeneratorOptions { Annee = 1990 }.Validate());
        Assert.Null(new GeneratorOptions().Validate());
    }

    private static double Share(List<int> jeunes, Func<int, bool> predicate) => jeunes.Count(predicate) / (double)jeunes.Count;

    private static bool HasDiagnostic(JourneyPackage p, int j, DateOnly until)
    {
        foreach (var c in p.Contacts.For(j))
        {
            if (c.Diagnostic && c.Date <= until) return true;
        }
        return false;
    }

    /// <summary>I1: at least one dated row (actualité) within the period.</summary>
    private static bool InContact(JourneyPackage p, int j, Period period)
    {
        var journey = p.Journey(j);
        if (period.Contains(journey.Jeune.PremierAccueil)) return true;
        foreach (var x in journey.Contacts) if (period.Contains(x.Date)) return true;
        foreach (var x in journey.Orientations) if (period.Contains(x.Date)) return true;
        foreach (var x in journey.Propositions) if (period.Contains(x.Date)) return true;
        foreach (var x in journey.Droits) if (period.Contains(x.Date)) return true;
        foreach (var x in journey.Parcours) if (period.Contains(x.Debut) || period.Contains(x.Fin)) return true;
        foreach (var x in journey.Situations) if (period.Contains(x.Debut) || period.Contains(x.Fin)) return true;
        foreach (var x in journey.Parrainages) if (period.Contains(x.Debut) || period.Contains(x.Fin)) return true;
        return false;
    }
}
