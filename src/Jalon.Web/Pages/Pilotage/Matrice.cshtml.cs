using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The performance × efficiency matrix of a region's structures for a year (instruction §2.a).</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class MatriceModel(JalonDbContext db, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }

    public IReadOnlyList<PointMatrice> Points { get; private set; } = [];
    public ConfigurationMatrice Configuration { get; private set; } = ConfigurationMatrice.Defaut;
    public string Svg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        var service = new IndicateursPilotage(db);
        var toutes = await service.StructuresAsync(null);
        Region ??= acteur.Region ?? toutes.FirstOrDefault(s => s.Code == acteur.Structure).Region;
        if (Region is null || toutes.All(s => s.Region != Region)) return NotFound();
        // A director sees the matrix of their region, their own structure highlighted: the scores are aggregates.
        var autorise = Habilitations.PeutLireTerritoire(acteur, Region)
            || (acteur.Role == Role.Directeur && toutes.Any(s => s.Code == acteur.Structure && s.Region == Region));
        if (!autorise) return Forbid();
        Annee ??= Dates.TodayInParis(clock).Year - 1;
        Configuration = configuration.GetSection("Jalon:Pilotage:Matrice").Get<ConfigurationMatrice>() ?? ConfigurationMatrice.Defaut;
        var structures = toutes.Where(s => s.Region == Region).ToList();
        var resultats = service.Calculer(Period.Year(Annee.Value), structures.Select(s => s.Code).ToList());
        var entrees = structures.Select(s =>
        {
            var r = IndicateursPilotage.Resultats(resultats.Current, Level.Structure, s.Code);
            return new RatiosStructure(s.Code, s.Nom, r.ToDictionary(x => x.Key, x => x.Value.Valeur));
        }).ToList();
        Points = MatricePerformance.Calculer(entrees, Configuration);
        Svg = Graphiques.Matrice($"Matrice performance × efficacité, {Libelles.Region(Region)}, {Annee}",
            Points.Where(p => p.Efficacite is not null && p.Performance is not null)
                .Select(p => new PointGraphique(p.Structure, p.Efficacite!.Value, p.Performance!.Value, p.Structure == acteur.Structure, null)).ToList());
        return Page();
    }
}
