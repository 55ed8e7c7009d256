using System.Globalization;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Financement;
using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Financement;

/// <summary>
/// The Région's funding grid for its region (docs/financement-region.md): each structure's values of the grid over
/// N−1 with the regional average, and the simulated allocation of an envelope with the weights chosen. Funding inputs
/// are shown unmasked to the funder (statistical secrecy covers aggregate-only views outside the funding relation).
/// Read-only: nothing is recorded (voting and notifying are not built yet).
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndexModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public const string Grille = "region-alsace-2015";

    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Enveloppe { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The weights typed in, by indicator key (query <c>poids_RG1</c>…); 1 when empty.</summary>
    public Dictionary<string, string?> Poids { get; } = new(StringComparer.Ordinal);

    public Catalogue Catalogue { get; private set; } = null!;
    public string CodeRegion { get; private set; } = "";
    public IReadOnlyList<(string Code, string Nom)> Structures { get; private set; } = [];
    public Period Periode { get; private set; }
    public IndicatorResults? Resultats { get; private set; }
    public AllocationResult? Allocation { get; private set; }
    public List<string> Erreurs { get; } = [];

    public GrilleFinancement Financement => Catalogue.Financement!;

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        if (acteur.Role is not (Role.AgentRegion or Role.Administrateur)) return Forbid();
        if (!indicateurs.Catalogues.TryGet(Grille, out var catalogue) || catalogue.Financement is null) return NotFound();
        Catalogue = catalogue;
        var regions = (await indicateurs.StructuresAsync(null)).Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        CodeRegion = acteur.Role == Role.AgentRegion ? acteur.Region ?? "" : Region ?? regions.FirstOrDefault() ?? "";
        if (acteur.Role == Role.AgentRegion && Region is not null && Region != CodeRegion) return Forbid();
        Structures = (await indicateurs.StructuresAsync(CodeRegion)).Select(s => (s.Code, s.Nom)).ToList();
        Annee ??= Dates.TodayInParis(clock).Year;
        Periode = DonneesFinancement.Periode(catalogue, Annee.Value);
        foreach (var k in Financement.Axes.SelectMany(a => a.Indicateurs)) Poids[k] = Request.Query["poids_" + k].FirstOrDefault();
        if (Structures.Count == 0) return Page();

        // The funder's own grid: unmasked (issue 9), over the region's structures only.
        var codes = Structures.Select(s => s.Code).ToArray();
        Resultats = new IndicatorStore(db).Compute(catalogue, new IndicatorRequest(Periode) { Structures = codes });

        if (string.IsNullOrWhiteSpace(Enveloppe)) return Page();
        if (FichiersFinancement.Decimal(Enveloppe) is not { } euros || euros < 0 || decimal.Round(euros, 2) != euros)
        {
            Erreurs.Add($"Enveloppe invalide : « {Enveloppe} » (des euros positifs, au plus 2 décimales : 1500000 ou 1500000,50).");
            return Page();
        }
        var poids = new Dictionary<(int, string), decimal>();
        foreach (var axe in Financement.Axes)
        {
            foreach (var k in axe.Indicateurs)
            {
                if (string.IsNullOrWhiteSpace(Poids[k])) continue;
                if (FichiersFinancement.Decimal(Poids[k]!) is { } w && w >= 0) poids[(axe.Numero, k)] = w;
                else Erreurs.Add($"Poids de {k} invalide : « {Poids[k]} » (un nombre positif ou nul : 2 ou 1,5).");
            }
        }
        if (Erreurs.Count > 0) return Page();
        try
        {
            var request = DonneesFinancement.Request(Resultats, catalogue, codes, euros) with { Poids = poids };
            Allocation = Jalon.Indicators.Financement.Allocation.Allouer(request);
        }
        catch (AllocationException e)
        {
            Erreurs.AddRange(e.Message.Split(Environment.NewLine));
        }
        return Page();
    }

    /// <summary>The value of an indicator for a structure (structure level) or the region.</summary>
    public string Valeur(Level level, string code, string cle) =>
        Resultats!.Get(level, code, cle).Value is { } v ? v.ToString("#,##0", Fr) : "—";

    /// <summary>The regional average: the region's total over its structures.</summary>
    public string Moyenne(string cle) =>
        Resultats!.Get(Level.Region, CodeRegion, cle).Value is { } v ? (v / Structures.Count).ToString("#,##0.0", Fr) : "—";

    public static string Euros(decimal d) => d.ToString("#,##0.00", Fr) + " €";

    public static string Part(decimal p) => (p * 100).ToString("0.##", Fr) + " %";

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
}
