using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Taches;
using Jalon.Web.Infrastructure;
using Jalon.Web.Infrastructure.Taches;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Taches;

/// <summary>
/// The scheduler's background jobs for the instance's administrator (docs/exploitation.md, « Tâches planifiées »): each job's
/// schedule, last run, outcome, last error, next run and failures in a row, and « Lancer maintenant » (audited).
/// </summary>
[Authorize(Roles = nameof(Role.Administrateur))]
public sealed class IndexModel(JalonDbContext db, Planificateur planificateur) : PageModel
{
    public sealed record Ligne(ITache Tache, TacheEtatEntity? Etat, bool EnCours);

    public List<Ligne> Lignes { get; private set; } = [];

    public bool Actives => planificateur.Actives;

    public async Task OnGetAsync()
    {
        var etats = await db.Taches.AsNoTracking().ToDictionaryAsync(t => t.Nom);
        Lignes = [.. planificateur.Taches.Select(t => new Ligne(t, etats.GetValueOrDefault(t.Nom), planificateur.EnCours(t.Nom) is not null))];
    }

    public async Task<IActionResult> OnPostLancerAsync(string nom)
    {
        if (planificateur.Tache(nom) is not { } tache) return NotFound();
        var run = planificateur.Lancer(nom);
        if (run is null)
        {
            TempData["Avertissement"] = $"« {tache.Libelle} » est déjà en cours : une tâche ne se superpose jamais à elle-même.";
        }
        else
        {
            Audit.Add(db, User, AuditAction.Modification, "tâche", null, null, $"lancement manuel de la tâche {nom}");
            await db.SaveChangesAsync();
            TempData["Succes"] = $"« {tache.Libelle} » est lancée. Rechargez la page pour voir son résultat.";
        }
        return RedirectToPage();
    }
}
