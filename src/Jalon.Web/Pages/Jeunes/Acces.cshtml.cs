using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Rgpd;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>
/// The rights of the person (docs/rgpd.md): everything held on them as a printable page, a PDF (<c>format=pdf</c>, same
/// partial printed by Chromium) and JSON (<c>format=json</c>), for the accompaniment roles; erasure on request by the
/// directeur (the file is anonymised at once: identity gone, the journey facts kept for the indicators). Audited.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class AccesModel(JalonDbContext db, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public bool Confirmation { get; set; }

    public AccesDossier Dossier { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string NomComplet { get; private set; } = "";
    public bool PeutEffacer => User.Is(Role.Directeur);
    public string? ErreurPdf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return NotFound();
        await LoadAsync(jeune);
        switch (Format)
        {
            case "json":
                Audit.Add(db, User, AuditAction.Export, "jeune", jeune.StructureCode, jeune.JeuneId, "droit d'accès : toutes les données du dossier (JSON)");
                await db.SaveChangesAsync();
                return File(Dossier.Json(), "application/json; charset=utf-8", $"dossier-{jeune.StructureCode}-{jeune.JeuneId}.json");
            case "pdf":
                return await PdfAsync(jeune);
            default:
                Audit.Add(db, User, AuditAction.Lecture, "jeune", jeune.StructureCode, jeune.JeuneId, "droit d'accès : consultation de toutes les données du dossier");
                await db.SaveChangesAsync();
                return Page();
        }
    }

    /// <summary>Erasure on request: the directeur, with the person's request and a confirmation.</summary>
    public async Task<IActionResult> OnPostEffacerAsync(string id)
    {
        if (!PeutEffacer) return Forbid();
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return NotFound();
        var motif = TextLimits.Normaliser(Motif);
        if (motif is null) ModelState.AddModelError(nameof(Motif), "Indiquez la demande de la personne (date, forme, référence du courrier ou du courriel).");
        else if (motif.Length > TextLimits.Motif) ModelState.AddModelError(nameof(Motif), TextLimits.Message("Le motif", TextLimits.Motif));
        if (!Confirmation) ModelState.AddModelError(nameof(Confirmation), "Cochez la case pour confirmer l'effacement : il est définitif.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(jeune);
            return Page();
        }
        Anonymisation.Effacer(db, jeune.StructureCode, jeune.JeuneId, motif!, User.Login(), User.UserId());
        TempData["Succes"] = $"Le dossier {jeune.JeuneId} a été effacé : l'identité, les coordonnées, les commentaires et le diagnostic détaillé sont supprimés ; " +
            "les faits du parcours restent, sans lien avec la personne, pour les indicateurs.";
        return Redirect("/Jeunes");
    }

    private async Task LoadAsync(JeuneEntity jeune)
    {
        Dossier = await AccesDossier.LoadAsync(db, jeune);
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        NomComplet = $"{jeune.Prenom} {jeune.Nom?.ToUpper(Libelles.Fr)}";
    }

    /// <summary>The same content (same partial, same print stylesheet) printed by Chromium; audited once produced.</summary>
    private async Task<IActionResult> PdfAsync(JeuneEntity jeune)
    {
        var html = await this.RendreAsync(vues, "/Pages/Jeunes/_AccesDossierPdf.cshtml", new AccesDossierPdf(Dossier, ChromiumPdf.FeuillesDeStyle(environnement)));
        return await this.PdfOuPageAsync(chromium, html, $"dossier-{jeune.StructureCode}-{jeune.JeuneId}.pdf", e => ErreurPdf = e, async () =>
        {
            Audit.Add(db, User, AuditAction.Export, "jeune", jeune.StructureCode, jeune.JeuneId, "droit d'accès : toutes les données du dossier (PDF)");
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>The model of the document printed to PDF.</summary>
public sealed record AccesDossierPdf(AccesDossier Dossier, IReadOnlyList<Uri> FeuillesDeStyle);
