using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>
/// The relevé de conclusions of a dialogue (seed 003): written at the end of the dialogue by either party, validated by
/// both, frozen once both validated, audited, printable and as a PDF (<c>format=pdf</c>) beside the avenant.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class ReleveModel(JalonDbContext db, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Structure { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    /// <summary>The version of the relevé the forms send back (optimistic concurrency).</summary>
    [BindProperty] public int? Version { get; set; }

    public DialogueDeGestion Dialogue { get; private set; } = null!;
    public ReleveAffiche Affiche { get; private set; } = null!;
    public bool PeutModifier { get; private set; }
    public Partie? Partie { get; private set; }
    public int VersionReleve { get; private set; }
    public string? ErreurPdf { get; private set; }
    public string? Erreur { get; private set; }

    /// <summary>What was typed in a refused form, shown again.</summary>
    public (string Conclusions, string Ml, string Etat)? Saisie { get; private set; }

    public string Lien => $"/Pilotage/Releve?structure={Uri.EscapeDataString(Structure)}&annee={Annee}";

    private PilotageRepository Repo => new(db);

    private async Task<IActionResult?> ChargerAsync()
    {
        var acteur = User.Acteur();
        var d = await Repo.DialogueAsync(Structure, Annee);
        if (d is null) return NotFound();
        if (!Habilitations.PeutLire(acteur, d.Structure, d.Region)) return Forbid();
        Dialogue = d;
        Partie = Habilitations.PartieDe(acteur, d.Structure, d.Region);
        var releve = await Repo.ReleveAsync(d);
        VersionReleve = await Repo.VersionReleveAsync(d.Id);
        PeutModifier = releve.PeutModifier(acteur, d);
        var nom = (await db.Structures.FindAsync(d.Structure))?.Nom ?? d.Structure;
        var plan = await new PlanRepository(db).PlanAsync(d.Id);
        var actions = plan is null ? [] : Referentiel.Themes.SelectMany(t => PlanActionDuDialogue.Actions(plan, t)
            .Select(a => new ActionAnnexee(t, a.Contenu.Titre, a.Contenu.Pilote?.Nom, a.Contenu.Echeance, a.Statut))).ToList();
        Affiche = new ReleveAffiche(releve, nom, actions);
        return null;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        if (Format == "pdf")
        {
            var html = await this.RendreAsync(vues, "/Pages/Pilotage/_RelevePdf.cshtml", new RelevePdf(Affiche, ChromiumPdf.FeuillesDeStyle(environnement)));
            return await this.PdfOuPageAsync(chromium, html, $"releve-conclusions-{Structure}-{Annee}.pdf", e => ErreurPdf = e, async () =>
            {
                Audit.Add(db, User, AuditAction.Export, "releve", Structure, null, $"relevé de conclusions {Annee}{(Affiche.Releve.EstFige ? "" : " (projet)")} (pdf)");
                await db.SaveChangesAsync();
            });
        }
        Audit.Add(db, User, AuditAction.Lecture, "releve", Structure, null, $"relevé de conclusions {Annee}");
        await db.SaveChangesAsync();
        return Page();
    }

    public Task<IActionResult> OnPostRedigerAsync(string? conclusions, string? engagementsMissionLocale, string? engagementsEtat) =>
        Agir((r, acteur) => r.Rediger(acteur, Dialogue, conclusions ?? "", engagementsMissionLocale ?? "", engagementsEtat ?? ""),
            "Relevé de conclusions enregistré.", "rédaction", (conclusions ?? "", engagementsMissionLocale ?? "", engagementsEtat ?? ""));

    public Task<IActionResult> OnPostValiderAsync() =>
        Agir((r, acteur) => r.Valider(acteur, Dialogue, clock.GetUtcNow()), "Relevé de conclusions validé.", "validation", null);

    private async Task<IActionResult> Agir(Action<ReleveDeConclusions, Acteur> action, string succes, string quoi, (string, string, string)? saisie)
    {
        if (await ChargerAsync() is { } r) return r;
        if (Partie is null) return Forbid();
        var releve = Affiche.Releve;
        try
        {
            action(releve, User.Acteur());
            await Repo.EnregistrerAsync(releve, Version, User.NomAffiche());
            Audit.Add(db, User, AuditAction.Modification, "releve", Structure, null, $"relevé de conclusions {Annee} — {quoi}{(releve.EstFige ? " (validé par les deux parties)" : "")}");
            await db.SaveChangesAsync();
            TempData["Succes"] = succes;
        }
        catch (PilotageException e)
        {
            return await Refuser(e.Message, saisie);
        }
        catch (ModificationConcurrenteException e)
        {
            return await Refuser($"Le relevé a été modifié entre-temps par {e.Par ?? "un autre utilisateur"}{(e.Le is { } le ? " le " + Libelles.DateHeure(le) : "")} : " +
                "votre modification n'a pas été enregistrée. Vérifiez-la au regard de ces changements, puis enregistrez à nouveau.", saisie);
        }
        return Redirect(Lien);
    }

    /// <summary>The page again (400), nothing written, with the French reason and what was typed.</summary>
    private async Task<IActionResult> Refuser(string message, (string, string, string)? saisie)
    {
        db.ChangeTracker.Clear();
        if (await ChargerAsync() is { } again) return again;
        Erreur = message;
        Saisie = saisie;
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}

/// <summary>The relevé as read — the one model of the page and of the PDF.</summary>
public sealed record ReleveAffiche(ReleveDeConclusions Releve, string NomStructure, IReadOnlyList<ActionAnnexee> Actions);

/// <summary>The model of the document printed to PDF.</summary>
public sealed record RelevePdf(ReleveAffiche Affiche, IReadOnlyList<Uri> FeuillesDeStyle);
