using Jalon.Domain.Employeurs;
using Jalon.Storage;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>The structure's job offers, open ones first (or of one status), with their MER counts.</summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class OffresModel(JalonDbContext db) : PageModel
{
    public const int MaxLignes = 200;

    [BindProperty(SupportsGet = true, Name = "statut")] public StatutOffre? Statut { get; set; }

    public sealed record Ligne(long Id, string Intitule, string Entreprise, string Rome, TypeContrat Contrat, string Commune, DateOnly RecueLe, StatutOffre Statut, int Mer);

    public IReadOnlyList<Ligne> Lignes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var structure = User.StructureCode()!;
        var statut = Statut ?? StatutOffre.Ouverte;
        var rows = await (from o in db.Offres.AsNoTracking()
                          join e in db.Entreprises on o.EntrepriseId equals e.Id
                          where o.StructureCode == structure && o.Statut == statut
                          orderby o.RecueLe descending, o.Id descending
                          select new { o.Id, o.Intitule, e.Nom, o.Rome, o.Contrat, o.Commune, o.RecueLe, o.Statut }).Take(MaxLignes).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var mer = await db.MisesEnRelation.Where(m => m.StructureCode == structure && m.OffreId != null && ids.Contains(m.OffreId.Value))
            .GroupBy(m => m.OffreId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        Lignes = [.. rows.Select(r => new Ligne(r.Id, r.Intitule, r.Nom, r.Rome, r.Contrat, r.Commune, r.RecueLe, r.Statut, mer.GetValueOrDefault(r.Id)))];
    }
}
