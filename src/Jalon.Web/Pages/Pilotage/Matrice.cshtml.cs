using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The performance × efficiency matrix of a region's structures for a year (instruction §2.a).</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class MatriceModel(IndicateursPilotage service, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    [BindProperty(SupportsGet = true, Name = "catalogue")] public string? CatalogueId { get; set; }

    public IReadOnlyList<PointMatrice> Points { get; private set; } = [];
    public ConfigurationMatrice Configuration { get; private set; } = null!;
    public Catalogue Catalogue { get; private set; } = null!;
    public string Svg { get; private set; } = "";

    /// <summary>
    /// The weights: the configuration's (<c>Jalon:Pilotage:Matrice</c>) when given, the catalogue's otherwise; a ratio's
    /// direction is the catalogue's unless the configuration says.
    /// </summary>
    public static ConfigurationMatrice? Ponderations(Catalogue catalogue, ConfigurationMatrice? configuree)
    {
        Sens SensDe(PonderationRatio p) => p.Sens != Sens.Neutre ? p.Sens : catalogue.TryGet(p.Ratio, out var d) ? d.Sens : Sens.Neutre;
        if (configuree is not null)
            return new ConfigurationMatrice(
                configuree.Efficacite.Select(p => p with { Sens = SensDe(p) }).ToList(),
                configuree.Performance.Select(p => p with { Sens = SensDe(p) }).ToList());
        return catalogue.Matrice is { } m
            ? new ConfigurationMatrice(
                m.Efficacite.Select(p => new PonderationRatio(p.Cle, p.Poids, catalogue[p.Cle].Sens)).ToList(),
                m.Performance.Select(p => new PonderationRatio(p.Cle, p.Poids, catalogue[p.Cle].Sens)).ToList())
            : null;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        if (!service.Catalogues.TryGet(CatalogueId ?? Catalogue.Defaut, out var catalogue)) return NotFound();
        Catalogue = catalogue;
        var toutes = await service.StructuresAsync(null);
        Region ??= acteur.Region ?? toutes.FirstOrDefault(s => s.Code == acteur.Structure).Region;
        if (Region is null || toutes.All(s => s.Region != Region)) return NotFound();
        // A director sees the matrix of their region, their own structure highlighted: the scores are aggregates.
        var autorise = Habilitations.PeutLireTerritoire(acteur, Region)
            || (acteur.Role == Role.Directeur && toutes.Any(s => s.Code == acteur.Structure && s.Region == Region));
        if (!autorise) return Forbid();
        Annee ??= Dates.TodayInParis(clock).Year - 1;
        if (Annee is < 2000 or > 2100) return NotFound();
        if (Ponderations(Catalogue, configuration.GetSection("Jalon:Pilotage:Matrice").Get<ConfigurationMatrice>()) is not { } ponderations) return NotFound();
        Configuration = ponderations;
        var structures = toutes.Where(s => s.Region == Region).ToList();
        // The ratios as this user may see them: under statistical secrecy, a masked ratio counts as unknown, so the
        // scores reveal nothing the dashboards do not show.
        var publication = service.Publier(User, Catalogue, Period.Year(Annee.Value), structures.Select(s => s.Code).ToList(), avecN1: false);
        var cles = Configuration.Efficacite.Concat(Configuration.Performance).Select(p => p.Ratio).Distinct().ToList();
        var entrees = structures.Select(s => new RatiosStructure(s.Code, s.Nom,
            cles.ToDictionary(k => k, k => publication.Valeur(Level.Structure, s.Code, k).Valeur))).ToList();
        Points = MatricePerformance.Calculer(entrees, Configuration);
        Svg = Graphiques.Matrice($"Matrice performance × efficacité, {Libelles.Region(Region)}, {Annee}",
            Points.Where(p => p.Efficacite is not null && p.Performance is not null)
                .Select(p => new PointGraphique(p.Structure, p.Efficacite!.Value, p.Performance!.Value, p.Structure == acteur.Structure, null)).ToList());
        return Page();
    }
}
