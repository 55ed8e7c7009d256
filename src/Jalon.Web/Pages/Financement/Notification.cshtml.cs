using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Financement;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Financement;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Financement;

/// <summary>
/// The « notification de subvention » of one structure once the Région's allocation is notified: the amount per axis,
/// the first payment, the balance, the délibération. Printable, and as a PDF (<c>format=pdf</c>) through the same
/// machinery as the avenant. For the Région's agent of its region, the administrator, and the director of that structure.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class NotificationModel(JalonDbContext db, IndicateursPilotage indicateurs, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Structure { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public NotificationSubvention? Document { get; private set; }
    public string? ErreurPdf { get; private set; }

    public static string Lien(string structure, int annee, bool pdf) =>
        $"/Financement/Notification?structure={Uri.EscapeDataString(structure)}&annee={annee}{(pdf ? "&format=pdf" : "")}";

    /// <summary>Who reads a structure's notification: the Région's agent of its region, the administrator, its director.</summary>
    public static bool PeutLire(Acteur acteur, string structure, string region) => acteur.Role switch
    {
        Role.AgentRegion => acteur.Region == region,
        Role.Administrateur => true,
        Role.Directeur => acteur.Structure == structure,
        _ => false,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        var s = await db.Structures.AsNoTracking().FirstOrDefaultAsync(x => x.Code == Structure);
        if (s is null) return NotFound();
        if (!PeutLire(User.Acteur(), s.Code, s.Region)) return Forbid();
        if (!indicateurs.Catalogues.TryGet(IndexModel.Grille, out var catalogue) || catalogue.Financement is null) return NotFound();
        var repo = new AllocationRepository(db);
        var allocation = await repo.FindAsync(s.Region, IndexModel.Grille, Annee);
        if (allocation is not { Statut: StatutAllocation.Notifiee }) return NotFound();
        var figures = await repo.VoteeAsync(allocation);
        var ligne = figures?.Structures.FirstOrDefault(x => x.Structure == s.Code);
        if (ligne is null) return NotFound();
        var decision = (await repo.DecisionsAsync(allocation)).Where(d => d.StructureCode == s.Code).ToList();
        var adresse = string.Join(" ", new[] { s.Adresse, s.CodePostal, s.Commune }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var axes = figures!.Axes.Select((a, i) =>
        {
            var axe = catalogue.Financement.Axe(a.Axe);
            var d = decision.FirstOrDefault(x => x.Axe == a.Axe);
            return new AxeNotifie(a.Axe, axe.Libelle, a.Part, new Somme(ligne.ParAxe[i]), d?.Argument);
        }).ToList();
        Document = new NotificationSubvention(
            s.Region, Libelles.Region(s.Region), s.Code, s.Nom, adresse, Annee, catalogue.Libelle, DonneesFinancement.Periode(catalogue, Annee).Debut.Year,
            axes, new Somme(ligne.Total), new Somme(ligne.PremierVersement), new Somme(ligne.Solde), catalogue.Financement.PremierVersement,
            allocation.Deliberation ?? "", allocation.DeliberationLe ?? default, allocation.NotifieeLe ?? default);
        if (Format != "pdf") return Page();

        var html = await this.RendreAsync(vues, "/Pages/Financement/_NotificationPdf.cshtml", new NotificationPdf(Document, ChromiumPdf.FeuillesDeStyle(environnement)));
        return await this.PdfOuPageAsync(chromium, html, $"notification-subvention-{s.Code}-{Annee}.pdf", e => ErreurPdf = e, async () =>
        {
            Audit.Add(db, User, AuditAction.Export, "notification de subvention", s.Code, null, $"région {s.Region}, enveloppe {Annee} (pdf)");
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>One axis of a notification: its number, label, share of the envelope, the structure's amount and (decided axes) the argument.</summary>
public sealed record AxeNotifie(int Axe, string Libelle, decimal Part, Somme Montant, string? Argument);

/// <summary>The notification of one structure's subsidy: the one model of the page and the PDF (figures as voted).</summary>
public sealed record NotificationSubvention(
    string Region, string NomRegion, string Structure, string NomStructure, string Adresse, int Annee, string Grille, int AnneeActivite,
    IReadOnlyList<AxeNotifie> Axes, Somme Total, Somme PremierVersement, Somme Solde, decimal TauxPremierVersement,
    string Deliberation, DateOnly DeliberationLe, DateOnly NotifieeLe);

/// <summary>The model of the document printed to PDF.</summary>
public sealed record NotificationPdf(NotificationSubvention Document, IReadOnlyList<Uri> FeuillesDeStyle);
