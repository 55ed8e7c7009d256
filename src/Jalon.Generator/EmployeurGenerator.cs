using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;

namespace Jalon.Generator;

/// <summary>
/// The employer side of a generated structure (docs/generateur.md, docs/employeurs.md) — the package's and, through its
/// import, the demo's: companies of its young people's communes (one per five young people, 30 to 300, valid SIRET and
/// NAF), exchanges with them, and offers and MER drawn from the journeys themselves. 60 % of the job proposals of Y−1 and
/// Y become a MER on an offer of a company; when a job situation of an offer's contract (CDI, CDD, interim, alternance,
/// CUI) starts within 60 days, the MER ends in that hire and the offer is filled by the MER. The other MER end in a
/// refusal or no answer, or stay unresolved (half the recent ones, a fifth of the older ones); recent offers stay open.
/// Every PMSMP of the period is a period in one of the companies. No proposal and no situation is added: the journeys'
/// indicators do not move. Draws come from the structure's own employer stream: the rest of the package does not change.
/// </summary>
internal static class EmployeurGenerator
{
    private static readonly string[] NafDemo =
    [
        "56.10A", "56.10C", "47.11D", "47.11F", "43.21A", "43.34Z", "45.20A", "88.10A", "81.21Z", "49.41A", "10.71C", "55.10Z", "47.71Z", "52.10B",
        "86.10Z", "01.13Z", "41.20A", "96.02A",
    ];

    private static readonly string[] Formes = ["SARL", "SAS", "Établissements", "Entreprise", "Maison", "Atelier"];

    private static readonly Weighted<SuiteImmersion> Suites = new(
        (SuiteImmersion.ProjetConfirme, 40), (SuiteImmersion.ProjetReoriente, 15), (SuiteImmersion.Embauche, 10), (SuiteImmersion.Apprentissage, 8),
        (SuiteImmersion.Formation, 12), (SuiteImmersion.SansSuite, 15));

    /// <param name="structure">The structure's index in the package.</param>
    /// <param name="fin">The last day of the period (31 December of Y): nothing is dated after it.</param>
    public static void Add(int structure, DateOnly fin, Rng rng, StructureJourneys output)
    {
        var communes = output.Jeunes.Where(j => j.Commune is not null).GroupBy(j => j.Commune!, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, N: g.Count())).OrderByDescending(g => g.N).ThenBy(g => g.Code, StringComparer.Ordinal).Take(40).ToList();
        if (communes.Count == 0) return;
        var jeunes = communes.Sum(c => c.N);

        var entreprises = new List<EntrepriseLigne>();
        var sirets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Clamp(jeunes / 5, 30, 300); i++)
        {
            var naf = Naf.Find(NafDemo[rng.Next(NafDemo.Length)])!;
            var commune = communes[Math.Min(rng.Next(communes.Count), rng.Next(communes.Count))].Code;
            var nomCommune = InseeData.Instance.Current(commune)?.Nom ?? commune;
            string siret;
            do siret = Siret(rng); while (!sirets.Add(siret));
            var creeLe = fin.AddDays(-rng.Between(90, 1500));
            var entreprise = new EntrepriseLigne(structure, siret, $"{Formes[rng.Next(Formes.Length)]} {Court(naf.Libelle)} de {nomCommune} {i + 1}",
                naf.Code, (TailleEntreprise)Math.Min(rng.Next(5), rng.Next(5)), commune, creeLe);
            entreprises.Add(entreprise);
            for (var k = rng.Next(4); k > 0; k--)
            {
                var date = fin.AddDays(-rng.Between(1, 700));
                output.Echanges.Add(new EchangeEntrepriseLigne(structure, siret, date < creeLe ? creeLe : date, (ModeEchange)rng.Next(4),
                    (ObjetEchange)rng.Next(Enum.GetValues<ObjetEchange>().Length)));
            }
        }
        output.Entreprises.AddRange(entreprises);

        // The journeys' job proposals of Y−1 and Y and the job situations that may follow them.
        var depuis = new DateOnly(fin.Year - 1, 1, 1);
        var romes = Rome.Echantillon;
        var situations = output.Situations.Select((s, i) => (Situation: s, Index: i))
            .Where(s => s.Situation.Debut >= depuis && Contrat(s.Situation.Type) is not null)
            .GroupBy(s => s.Situation.Jeune).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Situation.Debut).ToList());
        var prises = new HashSet<int>();
        var numero = 0;
        foreach (var p in output.Propositions.Where(p => p.Theme == Theme.Emploi && p.Date >= depuis && p.Date <= fin).OrderBy(p => p.Jeune).ThenBy(p => p.Date))
        {
            if (!rng.Chance(0.6)) continue;
            var e = entreprises[rng.Next(entreprises.Count)];
            var rome = romes[rng.Next(romes.Count)].Code;
            var id = "O" + (++numero).ToString("D6", CultureInfo.InvariantCulture);
            var commune = output.Jeunes[p.Jeune].Commune ?? e.Commune!;
            var recueLe = p.Date.AddDays(-rng.Next(21));
            var heures = rng.Next(3) == 0 ? 24 : 35;
            var suites = situations.GetValueOrDefault(p.Jeune);
            var k = suites?.FindIndex(x => x.Situation.Debut >= p.Date && x.Situation.Debut <= p.Date.AddDays(60) && !prises.Contains(x.Index)) ?? -1;
            if (k >= 0)
            {
                var (s, index) = suites![k];
                prises.Add(index);
                var contrat = Contrat(s.Type)!.Value;
                int? duree = contrat == TypeContrat.Cdi ? null : s.DureePrevueJours is { } jours ? Math.Max(1, jours / 30) : 6;
                output.Offres.Add(new OffreLigne(structure, id, e.Siret, Rome.Libelle(rome)!, rome, contrat, duree, heures, commune, 1, recueLe, null,
                    StatutOffre.Pourvue, s.Debut, ModePourvoi.MiseEnRelation));
                output.MisesEnRelation.Add(new MiseEnRelationLigne(p.Jeune, p.Date, TypeMiseEnRelation.Emploi, id, null, null, IssueMiseEnRelation.Embauche, s.Debut,
                    null, s.Debut));
                continue;
            }
            var autre = rng.Next(3) == 0 ? TypeContrat.Cdi : TypeContrat.Cdd;
            int? dureeMois = autre == TypeContrat.Cdi ? null : rng.Between(1, 12);
            var recent = p.Date > fin.AddDays(-60);
            IssueMiseEnRelation? issue = rng.Chance(recent ? 0.5 : 0.2) ? null : (IssueMiseEnRelation)rng.Between(1, 3);
            var statut = recent ? StatutOffre.Ouverte : rng.Next(2) == 0 ? StatutOffre.Expiree : StatutOffre.Pourvue;
            DateOnly? statutLe = statut == StatutOffre.Ouverte ? null : p.Date.AddDays(rng.Between(15, 59));
            output.Offres.Add(new OffreLigne(structure, id, e.Siret, Rome.Libelle(rome)!, rome, autre, dureeMois, heures, commune, 1, recueLe, null, statut, statutLe,
                statut == StatutOffre.Pourvue ? ModePourvoi.AutreCanal : null));
            DateOnly? issueLe = issue is null ? null : Min(p.Date.AddDays(rng.Between(3, 19)), fin);
            output.MisesEnRelation.Add(new MiseEnRelationLigne(p.Jeune, p.Date, TypeMiseEnRelation.Emploi, id, null, null, issue, issueLe, null, null));
        }

        // Every PMSMP of the period (closed, two months at most) is a period in one of the companies.
        foreach (var s in output.Situations.Where(s => s.Type == TypeSituation.Pmsmp && s.Debut >= depuis && s.Fin is { } f && f <= fin
                     && EmployeurRules.ImmersionError(s.Debut, f, null) is null))
        {
            var e = entreprises[rng.Next(entreprises.Count)];
            var bilan = s.Fin!.Value.AddDays(rng.Between(0, 14));
            var avecBilan = bilan <= fin && rng.Chance(0.8);
            output.Immersions.Add(new ImmersionLigne(s.Jeune, TypeImmersion.Pmsmp, s.Debut, s.Fin.Value, e.Siret, avecBilan ? bilan : null,
                avecBilan ? Suites.Draw(rng) : null));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The contract of an offer that a job situation of the journey is the hire of, or null (self-employment, EAV…).</summary>
    public static TypeContrat? Contrat(TypeSituation type) => type switch
    {
        TypeSituation.Cdi => TypeContrat.Cdi,
        TypeSituation.Cdd => TypeContrat.Cdd,
        TypeSituation.Interim => TypeContrat.Interim,
        TypeSituation.Apprentissage => TypeContrat.Apprentissage,
        TypeSituation.ContratPro => TypeContrat.ContratPro,
        TypeSituation.CuiCie => TypeContrat.CuiCie,
        TypeSituation.CuiCae => TypeContrat.CuiCae,
        _ => null,
    };

    /// <summary>A random SIRET with a correct Luhn key.</summary>
    private static string Siret(Rng rng)
    {
        var digits = new int[14];
        digits[0] = rng.Between(1, 9);
        for (var i = 1; i < 13; i++) digits[i] = rng.Next(10);
        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            // Positions from the right: the key (index 13) is position 0, so index i is position 13 − i; odd positions double.
            var d = digits[i];
            if ((13 - i) % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        digits[13] = (10 - sum % 10) % 10;
        return string.Concat(digits);
    }

    private static string Court(string libelle)
    {
        var mot = libelle.Split([' ', ',', '('], StringSplitOptions.RemoveEmptyEntries)[0];
        return mot.Length > 20 ? mot[..20] : mot.ToLowerInvariant();
    }
}
