using System.Security.Claims;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>A territory of the dashboard: a structure, a region or the nation.</summary>
public sealed record Territoire(Level Niveau, string Code, string Nom, string? Region);

/// <summary>
/// The steering pages' access to the cpo-2015 indicators: the same engine and catalogue as <c>./jalon indicateurs</c>,
/// served from the structures' stored tallies (<see cref="IndicatorStore"/>), turned into dashboard rows.
/// </summary>
public sealed class IndicateursPilotage(JalonDbContext db)
{
    public const string CatalogueId = "cpo-2015";

    public static Catalogue Catalogue => Catalogue.Load(CatalogueId);

    /// <summary>The catalogue as the dashboard shows it, in the catalogue's order.</summary>
    public static IReadOnlyList<DefinitionIndicateur> Definitions { get; } = Catalogue.Indicateurs
        .Select(d => new DefinitionIndicateur(d.Cle, d.Libelle, d.Definition, NatureDe(d))).ToList();

    /// <summary>
    /// The counts each rate is built on, read from the catalogue (numerator and denominator keys that are counts;
    /// a numerator given as a criterion is derived from the value × the denominator), plus the means' exits.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Dependances { get; } = ConstruireDependances();

    private static Dictionary<string, string[]> ConstruireDependances()
    {
        var cat = Catalogue;
        bool EstComptage(string? k) => k is not null && cat.TryGet(k, out var d) && d.Nature == Nature.Effectif;
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["I5"] = ["I8"], ["I7"] = ["I8"] };
        foreach (var d in cat.Indicateurs.Where(d => d.Nature == Nature.Ratio))
        {
            var deps = new List<string>();
            if (EstComptage(d.Numerateur)) deps.Add(d.Numerateur!);
            if (EstComptage(d.Denominateur))
            {
                deps.Add((d.PeriodeDenominateur == PeriodeRelative.N ? "" : "N−1:") + d.Denominateur);
                if (d.Numerateur is null) deps.Add("num:" + d.Denominateur);
            }
            if (deps.Count > 0) result[d.Cle] = [.. deps];
        }
        return result;
    }

    public static NatureIndicateur NatureDe(IndicatorDefinition d) => d.Nature switch
    {
        Nature.Effectif => NatureIndicateur.Comptage,
        Nature.Ratio => NatureIndicateur.Ratio,
        Nature.Moyenne => NatureIndicateur.Moyenne,
        _ when d.Cle.StartsWith("C0", StringComparison.Ordinal) => NatureIndicateur.Contexte,
        _ when d.Cle.StartsWith("I9", StringComparison.Ordinal) => NatureIndicateur.Etp,
        _ => NatureIndicateur.Montant,
    };

    /// <summary>
    /// Every indicator for the period and N−1, over the structures given (null = all): combined from the structures'
    /// stored tallies (computed first when missing or out of date), with the engine of <c>./jalon indicateurs</c>.
    /// </summary>
    public IndicatorResults Calculer(Period periode, IReadOnlyCollection<string>? structures) =>
        new IndicatorStore(db).Compute(Catalogue, new IndicatorRequest(periode) { WithPreviousYear = true, Structures = structures });

    public static Dictionary<string, ResultatIndicateur> Resultats(PeriodResults? periode, Level niveau, string code)
    {
        var result = new Dictionary<string, ResultatIndicateur>(StringComparer.Ordinal);
        if (periode is null) return result;
        foreach (var row in periode.Rows(niveau, code))
        {
            var v = row.Value;
            var ventilations = new Dictionary<string, double?>
            {
                ["femmes"] = v.Breakdown(Ventilation.Femmes),
                ["infra_v"] = v.Breakdown(Ventilation.InfraV),
                ["qpv"] = v.Breakdown(Ventilation.Qpv),
                ["zrr"] = v.Breakdown(Ventilation.Zrr),
                ["neet"] = v.Breakdown(Ventilation.Neet),
            };
            result[row.Key] = new ResultatIndicateur(row.Key, v.Value, ventilations);
        }
        return result;
    }

    /// <summary>The structure codes of a region (null = all).</summary>
    /// <remarks>Projected to an anonymous type, then to tuples in memory: on PostgreSQL a tuple projection is read back as a record.</remarks>
    public async Task<List<(string Code, string Nom, string Region)>> StructuresAsync(string? region) =>
        (await db.Structures.AsNoTracking().Where(s => region == null || s.Region == region).OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Nom, s.Region }).ToListAsync())
        .Select(s => (s.Code, s.Nom, s.Region)).ToList();
}

/// <summary>The signed-in user as an actor of the steering domain.</summary>
public static class PilotageUtilisateur
{
    public static Acteur Acteur(this ClaimsPrincipal user) =>
        new(user.NomAffiche(), user.JalonRole() ?? Role.ChargeAccueil, user.StructureCode(), user.RegionCode());

    /// <summary>Statistical secrecy applies to this user.</summary>
    public static bool Secret(this ClaimsPrincipal user) => user.JalonRole() is { } r && SecretStatistique.SAppliqueA(r);
}
