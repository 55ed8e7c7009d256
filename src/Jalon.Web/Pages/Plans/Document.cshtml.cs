using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// A plan as a document — what a director sends to the board: objectives, actions with their pilot and status,
/// indicators and progress to date — printable, and as a PDF (<c>format=pdf</c>) printed by Chromium from the same
/// partial. Whoever reads the plan reads its document; reading and exporting are audited.
/// </summary>
public sealed class DocumentModel(JalonDbContext db, IndicateursPilotage indicateurs, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public EtatPlan Etat { get; private set; } = null!;

    /// <summary>Why the PDF could not be produced (the page is then shown, with status 503, for the browser's print).</summary>
    public string? ErreurPdf { get; private set; }

    public string LienPdf => $"/Plans/Document?id={Id}&format=pdf";

    public async Task<IActionResult> OnGetAsync()
    {
        var (lu, peutLire) = await PlanLu.ChargerAsync(db, indicateurs, User, Id);
        if (lu is null) return peutLire || await new Storage.Plans.PlanRepository(db).PlanAsync(Id) is null ? NotFound() : Forbid();
        Etat = EtatPlan.Pour(lu, indicateurs, User, Dates.TodayInParis(clock));
        var plan = lu.Plan;
        if (Format == "pdf")
        {
            var html = await this.RendreAsync(vues, "/Pages/Plans/_PlanDocumentPdf.cshtml", new PlanDocumentPdf(Etat, ChromiumPdf.FeuillesDeStyle(environnement)));
            return await this.PdfOuPageAsync(chromium, html, $"plan-{plan.Structure ?? "region-" + plan.Region}-{plan.AnneeDebut}-{plan.AnneeFin}.pdf", e => ErreurPdf = e, async () =>
            {
                Audit.Add(db, User, AuditAction.Export, "plan", plan.Structure, null, $"{plan.Titre} au {Etat.Jour:dd/MM/yyyy} (pdf)");
                await db.SaveChangesAsync();
            });
        }
        Audit.Add(db, User, AuditAction.Lecture, "plan", plan.Structure, null, $"{plan.Titre} (document)");
        await db.SaveChangesAsync();
        return Page();
    }
}

/// <summary>The model of the document printed to PDF.</summary>
public sealed record PlanDocumentPdf(EtatPlan Etat, IReadOnlyList<Uri> FeuillesDeStyle);
