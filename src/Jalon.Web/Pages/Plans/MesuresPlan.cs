using System.Security.Claims;
using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// The live values of a plan's measured indicators: the catalogue's own figures for the structure, from the 1st of
/// January to the measure day, read through <see cref="IndicateursPilotage"/> — the tableau de bord's computation,
/// never a second one.
/// </summary>
public static class MesuresPlan
{
    /// <summary>The default catalogue's indicators a plan may measure: counts, and rates in percent.</summary>
    public static IReadOnlyList<IndicatorDefinition> Mesurables(Catalogue catalogue) =>
        [.. catalogue.Indicateurs.Where(i => i.Nature == Nature.Effectif || (i.Nature == Nature.Ratio && i.Unite == Unite.Pourcentage))];

    public static NatureIndicateur NatureDe(IndicatorDefinition d) => d.Nature == Nature.Effectif ? NatureIndicateur.Effectif : NatureIndicateur.Taux;

    /// <summary>
    /// The value of each measured indicator of a structure's plan at <paramref name="jour"/>; null when the plan has none
    /// or belongs to a region. Aggregate-only roles (statistical secrecy) read published periods only: their measure is
    /// the whole year, once it is over (null before).
    /// </summary>
    public static Dictionary<Guid, double?> Mesurer(IndicateursPilotage indicateurs, ClaimsPrincipal user, Plan plan, DateOnly jour)
    {
        var valeurs = new Dictionary<Guid, double?>();
        var mesures = plan.Indicateurs.Where(i => i.EstMesure).ToList();
        if (plan.Structure is null || mesures.Count == 0) return valeurs;
        var periode = new Period(new DateOnly(jour.Year, 1, 1), jour);
        if (user.Secret() && periode != Period.Year(jour.Year)) return valeurs;
        var publication = indicateurs.Publier(user, IndicateursPilotage.Catalogue, periode, [plan.Structure], avecN1: false);
        foreach (var i in mesures)
        {
            valeurs[i.Id] = IndicateursPilotage.Catalogue.Indicateurs.Any(d => d.Cle == i.CleCatalogue)
                ? publication.Valeur(Level.Structure, plan.Structure, i.CleCatalogue!).Valeur
                : null;
        }
        return valeurs;
    }
}
