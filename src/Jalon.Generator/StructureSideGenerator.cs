using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;

namespace Jalon.Generator;

/// <summary>
/// Synthetic zone lists for generated data when no official list covers a date: ZRR = a stable share of the small
/// communes (39 % under 2 000 inhabitants, 20 % under 5 000, by a hash of the code), QPV = one quartier in every town of
/// 5 000 inhabitants or more. The young people's flags are then drawn from the lists (docs/generateur.md).
/// </summary>
public static class SyntheticZones
{
    private static readonly Lazy<ZoneReference> Lists = new(() => Build(InseeData.Instance));

    public static ZoneReference Instance => Lists.Value;

    public static ZoneReference Build(InseeData insee)
    {
        var since = new DateOnly(1900, 1, 1);
        return new ZoneReference(
        [
            new ZoneList(ZoneType.Zrr, "ZRR synthétiques (générateur)", since, null,
                insee.Communes.Where(IsZrr).Select(c => new ZoneEntry(c.Code)), "générateur"),
            new ZoneList(ZoneType.Qpv, "QPV synthétiques (générateur)", since, null,
                insee.Communes.Where(c => c.Population >= 5_000).Select(c => new ZoneEntry(c.Code, "QSYN" + c.Code, "Quartier prioritaire de " + c.Nom)),
                "générateur"),
        ]);
    }

    /// <summary>Zones de revitalisation rurale are whole rural communes: a stable property of the commune.</summary>
    internal static bool IsZrr(Commune commune)
    {
        var p = commune.Population switch { < 2_000 => 0.39, < 5_000 => 0.2, _ => 0.0 };
        if (p == 0) return false;
        var h = Rng.Mix(ulong.Parse(commune.Code.Replace('A', '0').Replace('B', '1'), CultureInfo.InvariantCulture));
        return (h >> 11) * (1.0 / (1UL << 53)) < p;
    }
}

/// <summary>
/// The structure side of a generated Mission Locale, consistent with its journeys and moyens: its territory (the planned
/// communes), its sites (head office in its seat, antennes and permanences in its largest other communes), a staff
/// register whose pre-filled BRH gives exactly moyens.csv's FTE (A2 = etp_total, A31 = etp_accompagnement) and a budget
/// whose products give exactly its financing (total, État; FSE when given). Draws from its own random stream, so the
/// journeys do not depend on it.
/// </summary>
internal static class StructureSideGenerator
{
    private static readonly Weighted<Metier> MetiersInsertion = new((Metier.Conseiller, 70), (Metier.Accueil, 15), (Metier.ChargeProjets, 8), (Metier.InsertionAutre, 7));

    private static readonly Weighted<Metier> MetiersAutres = new((Metier.Gestion, 55), (Metier.Communication, 15), (Metier.Autre, 30));

    public static void Add(StructurePlan plan, int index, int annee, Rng rng, StructureJourneys output)
    {
        var debut = new DateOnly(annee - 4, 1, 1);
        foreach (var c in plan.Communes) output.Territoires.Add(new TerritoireCommune(index, c.Code, debut, null));
        AddSites(plan, index, rng, output);
        foreach (var m in output.Moyens)
        {
            AddBrh(index, m, rng, output);
            AddBudget(index, m, rng, output);
        }
    }

    private static void AddSites(StructurePlan plan, int index, Rng rng, StructureJourneys output)
    {
        output.Sites.Add(new Site(index, "SIEGE", TypeSite.Siege, "Siège de " + plan.Siege.Nom, plan.Siege.Code, null, Cp(plan.Siege),
            "du lundi au vendredi, 9h-12h et 13h30-17h30", true, null, null));
        var others = plan.Communes.Where(c => c.Code != plan.Siege.Code).OrderByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var antennes = plan.Communes.Count >= 60 ? 2 : plan.Communes.Count >= 25 ? 1 : 0;
        var k = 0;
        for (; k < antennes && k < others.Count; k++)
        {
            output.Sites.Add(new Site(index, "ANTENNE-" + (k + 1).ToString(CultureInfo.InvariantCulture), TypeSite.Antenne, "Antenne de " + others[k].Nom,
                others[k].Code, null, Cp(others[k]), "du lundi au jeudi, 9h-12h et 14h-17h", rng.Chance(0.5), null, null));
        }
        var permanences = Math.Clamp(plan.Communes.Count / 10, 1, 12);
        for (var p = 0; p < permanences && k < others.Count; p++, k++)
        {
            output.Sites.Add(new Site(index, "PERM-" + (p + 1).ToString("D2", CultureInfo.InvariantCulture), TypeSite.Permanence, "Permanence de " + others[k].Nom,
                others[k].Code, null, Cp(others[k]), rng.Chance(0.5) ? "une demi-journée par semaine" : "deux demi-journées par mois", false, null, null));
        }
    }

    private static string? Cp(Commune c) => c.CodePostal.Length > 0 ? c.CodePostal : null;

    /// <summary>A staff register that adds up to the year's FTE, then its pre-filled staff table.</summary>
    private static void AddBrh(int index, Moyens moyens, Rng rng, StructureJourneys output)
    {
        if (moyens.EtpTotal is not { } total) return;
        var insertion = Math.Min(moyens.EtpAccompagnement ?? 0, total);
        var register = new List<MembrePersonnel>();
        var debut = new DateOnly(moyens.Annee - 3, 1, 1);
        void Team(decimal target, Func<int, Metier> metier)
        {
            var n = 0;
            for (var remaining = target; remaining > 0; n++)
            {
                var etp = Math.Min(remaining, rng.Chance(0.75) ? 1m : rng.Chance(0.5) ? 0.8m : 0.5m);
                remaining -= etp;
                var mad = rng.Chance(0.04);
                register.Add(new MembrePersonnel(
                    Id: (register.Count + 1).ToString(CultureInfo.InvariantCulture),
                    Nom: "Salarié " + (register.Count + 1).ToString(CultureInfo.InvariantCulture),
                    Sexe: rng.Chance(0.72) ? Sexe.F : Sexe.H,
                    Statut: mad ? StatutPersonnel.MisADisposition : StatutPersonnel.Salarie,
                    Contrat: rng.Chance(0.12) ? ContratPersonnel.Cdd : ContratPersonnel.Cdi,
                    TempsPlein: etp == 1m,
                    Etp: etp,
                    Metier: metier(n),
                    Debut: debut,
                    ContratAide: !mad && rng.Chance(0.05),
                    Origine: mad ? (rng.Chance(0.6) ? CorpsOrigine.FranceTravail : CorpsOrigine.Collectivite) : null));
            }
        }
        Team(insertion, _ => MetiersInsertion.Draw(rng));
        Team(total - insertion, n => n == 0 ? Metier.Encadrement : MetiersAutres.Draw(rng));
        output.Brh.AddRange(BrhPrefill.From(register, index, moyens.Annee));
    }

    /// <summary>Products by funder adding up to moyens.csv's financing (État and FSE as given), charges, declared totals.</summary>
    private static void AddBudget(int index, Moyens moyens, Rng rng, StructureJourneys output)
    {
        if (moyens.FinancementTotal is not { } total || moyens.FinancementEtat is not { } etat) return;
        var fse = moyens.FinancementFse ?? 0;
        var a = moyens.Annee;
        var rest = total - etat - fse;
        var reprise = rng.Chance(0.3) ? Math.Round(rest * (decimal)(0.03 + 0.05 * rng.NextDouble())) : 0m;
        rest -= reprise;
        var region = Math.Round(rest * 0.30m);
        var departement = Math.Round(rest * 0.15m);
        var communes = Math.Round(rest * 0.30m);
        var franceTravail = Math.Round(rest * 0.08m);
        var financiers = Math.Round(rest * 0.01m);
        var autre = rest - region - departement - communes - franceTravail - financiers;
        void Line(Financeur? f, NatureBudget n, decimal v)
        {
            if (v != 0 || n.IsTotal()) output.Budget.Add(new BudgetLigne(index, a, f, n, v));
        }
        Line(Financeur.Etat, NatureBudget.Subvention, etat);
        Line(Financeur.Etat, NatureBudget.RepriseFondsDedies, reprise);
        Line(Financeur.Fse, NatureBudget.Subvention, fse);
        Line(Financeur.Region, NatureBudget.Subvention, region);
        Line(Financeur.Departement, NatureBudget.Subvention, departement);
        Line(Financeur.CommunesEpci, NatureBudget.Subvention, communes);
        Line(Financeur.FranceTravail, NatureBudget.Prestation, franceTravail);
        Line(Financeur.Autre, NatureBudget.Subvention, autre);
        Line(null, NatureBudget.ProduitsFinanciers, financiers);
        Line(null, NatureBudget.TotalProduits, total);

        var charges = Math.Round(total * (decimal)(0.97 + 0.05 * rng.NextDouble()));
        var personnel = Math.Round(charges * (decimal)(0.70 + 0.06 * rng.NextDouble()));
        var achats = Math.Round(charges * (decimal)(0.12 + 0.03 * rng.NextDouble()));
        var impots = Math.Round(charges * (decimal)(0.03 + 0.01 * rng.NextDouble()));
        var dotations = Math.Round(charges * (decimal)(0.01 + 0.01 * rng.NextDouble()));
        Line(null, NatureBudget.ChargesPersonnel, personnel);
        Line(null, NatureBudget.AchatsChargesExternes, achats);
        Line(null, NatureBudget.ImpotsTaxes, impots);
        Line(null, NatureBudget.Dotations, dotations);
        Line(null, NatureBudget.AutreCharge, charges - personnel - achats - impots - dotations);
        Line(null, NatureBudget.TotalCharges, charges);
    }
}
