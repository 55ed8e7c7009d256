using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Structures;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Structure;

/// <summary>What part of the structure side a page shows: who may read it differs (docs/structure.md, « Écrans »).</summary>
public enum VoletStructure : byte
{
    /// <summary>Profile, sites, territory, context: the structure's staff and everyone who may read its dashboards.</summary>
    Public,

    /// <summary>Staff table (BRH) and budget: the director, the administrator and the funders of its scope — not counsellors.</summary>
    Moyens,

    /// <summary>The staff register (names of persons): the director of the structure and the administrator only.</summary>
    Registre,
}

/// <summary>
/// Who may read and edit the structure side, reusing <see cref="Habilitations.PeutLire"/> (staff of the structure, State /
/// ARML / Région of its region, national State, administrator). Edit: the structure's director and the administrator.
/// </summary>
public static class AccesStructure
{
    public static bool PeutLire(Acteur acteur, string structure, string region, VoletStructure volet) => volet switch
    {
        VoletStructure.Public => Habilitations.PeutLire(acteur, structure, region),
        VoletStructure.Moyens => Habilitations.PeutLire(acteur, structure, region) && acteur.Role is not (Role.ChargeAccueil or Role.Conseiller),
        _ => PeutModifier(acteur, structure),
    };

    public static bool PeutModifier(Acteur acteur, string structure) =>
        acteur.Role == Role.Administrateur || (acteur.Role == Role.Directeur && acteur.Structure == structure);
}

/// <summary>
/// The common part of the structure pages: the structure (query <c>structure</c>, by default the user's own), its name,
/// whether the user may edit it, and the access check (404 for an unknown structure, 403 outside the user's scope).
/// Every page is reachable by every signed-in role: the check is the page's, per <see cref="VoletStructure"/>.
/// </summary>
public abstract class StructurePageModel(JalonDbContext db) : PageModel
{
    protected JalonDbContext Db { get; } = db;
    protected StructureRepository Repo { get; } = new(db);

    [BindProperty(SupportsGet = true)] public string? Structure { get; set; }

    public string Nom { get; private set; } = "";
    public string Region { get; private set; } = "";
    public bool Modifiable { get; private set; }
    public Acteur Acteur { get; private set; } = null!;

    /// <summary>The query string that keeps the structure in links (<c>?structure=ML26001</c>).</summary>
    public string Q => "?structure=" + Uri.EscapeDataString(Structure ?? "");

    /// <summary>Loads the structure and checks access: null when the page may go on, else the result to return.</summary>
    protected async Task<IActionResult?> OuvrirAsync(VoletStructure volet, bool ecriture = false)
    {
        Acteur = User.Acteur();
        if (string.IsNullOrWhiteSpace(Structure))
        {
            if (Acteur.Structure is null) return Redirect("/Structure");
            Structure = Acteur.Structure;
        }
        var s = await Db.Structures.AsNoTracking().FirstOrDefaultAsync(x => x.Code == Structure);
        if (s is null) return NotFound();
        (Structure, Nom, Region) = (s.Code, s.Nom, s.Region);
        if (!AccesStructure.PeutLire(Acteur, s.Code, s.Region, volet)) return Forbid();
        Modifiable = AccesStructure.PeutModifier(Acteur, s.Code);
        if (ecriture && !Modifiable) return Forbid();
        return null;
    }

    protected int? UserId => User.Identity?.IsAuthenticated == true ? User.UserId() : null;

    protected string? Login => User.Identity?.IsAuthenticated == true ? User.Login() : null;

    /// <summary>The tabs of the structure pages, for the side menu: (path, label, volet).</summary>
    public static readonly (string Path, string Label, VoletStructure Volet)[] Onglets =
    [
        ("/Structure", "Tableau de bord", VoletStructure.Public),
        ("/Structure/Profil", "Fiche structure", VoletStructure.Public),
        ("/Structure/Territoire", "Territoire", VoletStructure.Public),
        ("/Structure/Sites", "Sites", VoletStructure.Public),
        ("/Structure/Personnel", "Registre du personnel", VoletStructure.Registre),
        ("/Structure/Brh", "Moyens humains (BRH)", VoletStructure.Moyens),
        ("/Structure/Budget", "Budget", VoletStructure.Moyens),
        ("/Structure/Contexte", "Contexte", VoletStructure.Public),
    ];

    public bool Voit(VoletStructure volet) => AccesStructure.PeutLire(Acteur, Structure!, Region, volet);
}

/// <summary>Figures typed in a form: decimal comma or point, spaces as thousands separators.</summary>
public static class Saisie
{
    /// <summary>Parses a figure (« 20,81 », « 1 756 332 », « 3.5 »); empty = null; false when it is not a number.</summary>
    public static bool TryDecimal(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace(',', '.');
        if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) return false;
        value = v;
        return true;
    }

    /// <summary>A figure as shown in an input: decimal comma, no thousands separator, no trailing zeros.</summary>
    public static string Show(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',') : "";
}
