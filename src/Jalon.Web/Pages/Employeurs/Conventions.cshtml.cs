using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Exchange.Immersions;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>
/// The import of the PMSMP conventions exported from the State's immersion platform (« Immersion facile »): upload the
/// file, all or nothing (<see cref="ImmersionStore.ImporterConventions"/>), every error located <c>fichier:ligne: colonne: message</c>.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class ConventionsModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>An export of a Mission Locale's conventions weighs a few hundred kilobytes; more is not an export.</summary>
    public const long TailleMax = 5 * 1024 * 1024;

    [BindProperty] public IFormFile? Fichier { get; set; }

    public IReadOnlyList<string> Erreurs { get; private set; } = [];
    public ImportConventionsResultat? Resultat { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var structure = User.StructureCode()!;
        if (Fichier is null || Fichier.Length == 0)
        {
            ModelState.AddModelError("Fichier", "Choisissez le fichier exporté d'Immersion facile (CSV).");
            return Page();
        }
        var nom = Path.GetFileName(Fichier.FileName);
        if (Fichier.Length > TailleMax)
        {
            ModelState.AddModelError("Fichier", $"{nom} : fichier de plus de 5 Mo, ce n'est pas un export de conventions.");
            return Page();
        }
        ImmersionFacileReader.Result lu;
        await using (var stream = Fichier.OpenReadStream()) lu = ImmersionFacileReader.Read(stream);
        if (lu.Errors.Count > 0)
        {
            Erreurs = [.. lu.Errors.Select(e => e.Format(nom))];
            return Page();
        }
        var resultat = ImmersionStore.ImporterConventions(db, structure, lu.Conventions, Dates.TodayInParis(clock));
        if (resultat.Erreurs.Count > 0)
        {
            Erreurs = [.. resultat.Erreurs.Select(e => e.Format(nom))];
            return Page();
        }
        Resultat = resultat;
        db.ChangeTracker.Clear();
        Audit.Add(db, User, AuditAction.Import, "jeune", structure, null,
            $"conventions Immersion facile {nom} : {resultat.Importees} importée(s), {resultat.DejaImportees} déjà importée(s), {resultat.EntreprisesCreees} entreprise(s) créée(s)");
        foreach (var jeune in resultat.Jeunes) Audit.Add(db, User, AuditAction.Creation, "jeune", structure, jeune, "PMSMP importée d'Immersion facile");
        await db.SaveChangesAsync();
        return Page();
    }
}
