using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Structures;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The structure's dashboard: its tabs, and for its own staff the first receptions and contacts per site over a period.
/// A user without a structure (administrator, State, ARML, Région) first picks one of the structures of their scope.
/// </summary>
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    [BindProperty(SupportsGet = true)] public DateOnly? Du { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Au { get; set; }

    /// <summary>The structures to pick from (users without a structure of their own).</summary>
    public List<StructureEntity> Choix { get; private set; } = [];
    public IReadOnlyList<ActiviteSite>? Activite { get; private set; }
    public Dictionary<string, string> NomsSites { get; private set; } = [];
    public int Communes { get; private set; }
    public int Sites { get; private set; }
    public string? RaisonSociale { get; private set; }

    /// <summary>The Région's notifications of subsidy to this structure (its director, the Région, the administrator).</summary>
    public List<Jalon.Storage.Financement.AllocationRegionaleEntity> Notifications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        if (string.IsNullOrWhiteSpace(Structure) && acteur.Structure is null)
        {
            Choix = (await Db.Structures.AsNoTracking().OrderBy(s => s.Nom).ToListAsync())
                .Where(s => Habilitations.PeutLire(acteur, s.Code, s.Region)).ToList();
            return Page();
        }
        if (await OuvrirAsync(VoletStructure.Public) is { } refus) return refus;
        var today = Dates.TodayInParis(clock);
        RaisonSociale = (await Repo.ProfilAsync(Structure!, today))?.Profil.RaisonSociale;
        Communes = (await Repo.TerritoireCalculeAsync(Structure!, today)).Communes.Count;
        if (Financement.NotificationModel.PeutLire(Acteur, Structure!, Region))
            Notifications = await new Jalon.Storage.Financement.AllocationRepository(Db).NotifieesPourAsync(Structure!);
        var sites = await Repo.SitesAsync(Structure!);
        Sites = sites.Count(s => s.IsActiveOn(today));
        NomsSites = sites.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Nom);
        // Activity per site: the structure's own roles only (it counts young people: not for the funders).
        if (Acteur.Structure == Structure)
        {
            Du ??= new DateOnly(today.Year, 1, 1);
            Au ??= today;
            if (Au < Du) (Du, Au) = (Au, Du);
            Activite = await Repo.ActiviteParSiteAsync(Structure!, new Period(Du.Value, Au.Value));
        }
        return Page();
    }
}
