using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// An evaluation of a plan (docs/plans.md): the report of the plan's state at its date with the commission's assessment,
/// read by whoever reads the plan, printable and as a PDF (<c>format=pdf</c>, same partial as the page, as the relevé de
/// conclusions); prepared, written and deleted by whoever changes the plan, signed by the director of the owning structure,
/// then frozen with its report as signed. Everything is audited.
/// </summary>
public sealed class EvaluationModel(JalonDbContext db, IndicateursPilotage indicateurs, ChromiumPdf chromium, IRazorViewEngine vues, IWebHostEnvironment environnement, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid Evaluation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public NatureEvaluation Nature { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Appreciation { get; set; }
    [BindProperty] public bool Confirmer { get; set; }

    public PlanLu Lu { get; private set; } = null!;
    public EvaluationAffichee Affichee { get; private set; } = null!;
    public int VersionEvaluation { get; private set; }
    public bool PeutSigner { get; private set; }
    public string? Erreur { get; private set; }
    public string? ErreurPdf { get; private set; }

    public string Lien => $"/Plans/Evaluation?id={Id}&evaluation={Evaluation}";

    private SuiviRepository Repo => new(db);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        var (plan, e) = (Lu.Plan, Affichee.Evaluation);
        var quoi = $"{plan.Titre} — {e.Nature.Libelle().ToLowerInvariant()} au {e.Date:dd/MM/yyyy}{(e.EstFigee ? "" : " (projet)")}";
        if (Format == "pdf")
        {
            var html = await this.RendreAsync(vues, "/Pages/Plans/_EvaluationPdf.cshtml", new EvaluationPdf(Affichee, ChromiumPdf.FeuillesDeStyle(environnement)));
            return await this.PdfOuPageAsync(chromium, html, $"evaluation-{plan.Structure}-{e.Date:yyyy-MM-dd}.pdf", x => ErreurPdf = x, async () =>
            {
                Audit.Add(db, User, AuditAction.Export, "plan", plan.Structure, null, quoi + " (pdf)");
                await db.SaveChangesAsync();
            });
        }
        Audit.Add(db, User, AuditAction.Lecture, "plan", plan.Structure, null, quoi);
        await db.SaveChangesAsync();
        return Page();
    }

    /// <summary>Prepares an evaluation (an 18-month or 3-year one due, or a dated one) and opens it.</summary>
    public async Task<IActionResult> OnPostCreerAsync()
    {
        var (lu, peutLire) = await PlanLu.ChargerAsync(db, indicateurs, User, Id);
        if (lu is null) return peutLire || await new PlanRepository(db).PlanAsync(Id) is null ? NotFound() : Forbid();
        if (!lu.PeutModifier) return Forbid();
        EvaluationPlan e;
        try
        {
            e = EvaluationPlan.Creer(lu.Plan, Nature, Date, Dates.TodayInParis(clock), (await Repo.EvaluationsAsync(Id)).Select(x => x.Evaluation));
            await Repo.EnregistrerEvaluationAsync(lu.Plan, e, null, User.Acteur().Nom);
        }
        catch (PlanException x)
        {
            // Back to the plan with the reason: its page holds the form.
            TempData["ErreurEvaluation"] = x.Message;
            return Redirect($"/Plans/Plan?id={Id}#evaluations");
        }
        Audit.Add(db, User, AuditAction.Creation, "plan", lu.Plan.Structure, null, $"{lu.Plan.Titre} — {e.Nature.Libelle().ToLowerInvariant()} au {e.Date:dd/MM/yyyy} préparé(e)");
        await db.SaveChangesAsync();
        return Redirect($"/Plans/Evaluation?id={Id}&evaluation={e.Id}");
    }

    public Task<IActionResult> OnPostRedigerAsync() =>
        Agir(e => e.Rediger(Appreciation), "appréciation enregistrée", "Appréciation enregistrée.");

    public Task<IActionResult> OnPostSignerAsync() =>
        Agir(e =>
        {
            // The report signed is the plan's state at the evaluation's date, generated now from what the director reads.
            var rapport = RapportsEvaluation.Generer(EtatPlan.Pour(Lu, indicateurs, User, e.Date), Affichee.Reunions);
            e.Signer(User.Acteur(), rapport, clock.GetUtcNow().UtcDateTime);
        }, "signature (évaluation figée)", "Évaluation signée : elle est figée.");

    public async Task<IActionResult> OnPostSupprimerAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        if (!Lu.PeutModifier) return Forbid();
        var e = Affichee.Evaluation;
        try
        {
            e.VerifierSuppression();
            if (!Confirmer) throw new PlanException("Cochez la case pour confirmer la suppression de l'évaluation.");
            await Repo.SupprimerEvaluationAsync(Id, e.Id, Version ?? -1);
        }
        catch (PlanException x)
        {
            return await Refuser(x.Message);
        }
        catch (ModificationConcurrenteException x)
        {
            return await Refuser(Concurrente(x));
        }
        Audit.Add(db, User, AuditAction.Suppression, "plan", Lu.Plan.Structure, null, $"{Lu.Plan.Titre} — suppression du projet d'évaluation au {e.Date:dd/MM/yyyy}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Projet d'évaluation supprimé.";
        return Redirect($"/Plans/Plan?id={Id}#evaluations");
    }

    private async Task<IActionResult> Agir(Action<EvaluationPlan> action, string quoi, string succes)
    {
        if (await ChargerAsync() is { } r) return r;
        if (!Lu.PeutModifier && !PeutSigner) return Forbid();
        var e = Affichee.Evaluation;
        try
        {
            action(e);
            await Repo.EnregistrerEvaluationAsync(Lu.Plan, e, Version ?? -1, User.Acteur().Nom);
        }
        catch (PlanException x)
        {
            return await Refuser(x.Message);
        }
        catch (ModificationConcurrenteException x)
        {
            return await Refuser(Concurrente(x));
        }
        Audit.Add(db, User, AuditAction.Modification, "plan", Lu.Plan.Structure, null, $"{Lu.Plan.Titre} — {e.Nature.Libelle().ToLowerInvariant()} au {e.Date:dd/MM/yyyy} : {quoi}");
        await db.SaveChangesAsync();
        TempData["Succes"] = succes;
        return Redirect(Lien);
    }

    private static string Concurrente(ModificationConcurrenteException x) =>
        $"Cette évaluation a été modifiée entre-temps{(x.Par is null ? "" : " par " + x.Par)}{(x.Le is { } le ? " le " + Libelles.DateHeure(le) : "")} : rechargez la page.";

    private async Task<IActionResult?> ChargerAsync()
    {
        var (lu, peutLire) = await PlanLu.ChargerAsync(db, indicateurs, User, Id);
        if (lu is null) return peutLire || await new PlanRepository(db).PlanAsync(Id) is null ? NotFound() : Forbid();
        var trouvee = (await Repo.EvaluationsAsync(Id)).FirstOrDefault(x => x.Evaluation.Id == Evaluation);
        if (trouvee.Evaluation is null) return NotFound();
        Lu = lu;
        VersionEvaluation = trouvee.Version;
        PeutSigner = Evaluations.PeutSigner(User.Acteur(), lu.Plan.Structure);
        var reunions = (await Repo.ReunionsAsync(Id)).Select(x => x.Reunion).Where(r => r.Date <= trouvee.Evaluation.Date).OrderBy(r => r.Date).ToList();
        Affichee = new EvaluationAffichee(trouvee.Evaluation, RapportsEvaluation.Pour(trouvee.Evaluation, lu, reunions, indicateurs, User), reunions);
        return null;
    }

    /// <summary>The page again (400), nothing written, with the French reason and what was typed.</summary>
    private async Task<IActionResult> Refuser(string message)
    {
        db.ChangeTracker.Clear();
        var appreciation = Appreciation;
        if (await ChargerAsync() is { } r) return r;
        Appreciation = appreciation;
        Erreur = message;
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}

/// <summary>An evaluation as read — the one model of the page and of the PDF: the evaluation, its report, the meetings up to its date.</summary>
public sealed record EvaluationAffichee(EvaluationPlan Evaluation, RapportEvaluation Rapport, IReadOnlyList<ReunionCommission> Reunions);

/// <summary>The model of the document printed to PDF.</summary>
public sealed record EvaluationPdf(EvaluationAffichee Affichee, IReadOnlyList<Uri> FeuillesDeStyle);
