using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The definitions of a catalogue's indicators, one anchor per key, with their unit and direction.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndicateursModel(IndicateursPilotage indicateurs) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "catalogue")] public string? CatalogueId { get; set; }

    public Catalogue Catalogue { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (!indicateurs.Catalogues.TryGet(CatalogueId ?? Catalogue.Defaut, out var catalogue)) return NotFound();
        Catalogue = catalogue;
        return Page();
    }
}
