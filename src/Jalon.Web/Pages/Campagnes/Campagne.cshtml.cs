using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Storage;
using Jalon.Storage.Campagnes;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Campagnes;

/// <summary>One Mission Locale's line of a campaign: its state, last version, lateness and the anomalies of what it submitted.</summary>
public sealed record LigneCampagne(string Code, string Nom, EtatSoumission Etat, int Version, DateTimeOffset? SoumiseLe, bool EnRetard,
    IReadOnlyList<AnomalieCampagne>? Anomalies);

/// <summary>
/// A campaign as the State sees it: who submitted, who is late, with which anomalies; close, reopen, export to XLSX.
/// Read by the region's ARML and Région, the national State agent and the administrator; a director is sent to their
/// own submission.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class CampagneModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public Campagne Campagne { get; private set; } = null!;
    public int Version { get; private set; }
    public List<LigneCampagne> Lignes { get; private set; } = [];
    public bool PeutAgir { get; private set; }
    public DateOnly Aujourdhui { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? format)
    {
        if (await ChargerAsync(id) is { } refus) return refus;
        if (format == "xlsx")
        {
            Audit.Add(db, User, AuditAction.Export, "campagne", Campagne.Region, null, $"{Campagne.Titre} : export XLSX");
            await db.SaveChangesAsync();
            return File(Exports.Xlsx(Export()), Exports.TypeXlsx, $"campagne-{Campagne.Region}-{Campagne.Annee}-{(Campagne.Type == TypeCampagne.Fevrier ? "fevrier" : "juin")}.xlsx");
        }
        return Page();
    }

    public Task<IActionResult> OnPostCloturerAsync(Guid id, int version) =>
        AgirAsync(id, version, c => c.Cloturer(User.Acteur(), clock.GetUtcNow()), "Campagne clôturée.");

    public Task<IActionResult> OnPostRouvrirAsync(Guid id, int version, DateOnly? echeance) =>
        AgirAsync(id, version, c => c.Rouvrir(User.Acteur(), echeance, Dates.TodayInParis(clock), clock.GetUtcNow()), "Campagne rouverte.");

    private async Task<IActionResult> AgirAsync(Guid id, int version, Action<Campagne> action, string succes)
    {
        if (await ChargerAsync(id) is { } refus) return refus;
        if (!PeutAgir) return Forbid();
        try
        {
            action(Campagne);
            await new CampagneRepository(db).EnregistrerAsync(Campagne, version, User.Acteur().Nom, User.UserId(), User.Login());
            TempData["Succes"] = succes;
            return Redirect($"/Campagnes/Campagne?id={id}");
        }
        catch (CampagneException e)
        {
            Erreur = e.Message;
        }
        catch (ModificationConcurrenteException e)
        {
            Erreur = Conflit("La campagne", e);
        }
        db.ChangeTracker.Clear();
        await ChargerAsync(id);
        return Page();
    }

    /// <summary>Loads the campaign and its lines; a refusal (404, 403, or the director's redirect) otherwise.</summary>
    private async Task<IActionResult?> ChargerAsync(Guid id)
    {
        var repo = new CampagneRepository(db);
        if (await repo.CampagneAsync(id) is not { } lu) return NotFound();
        (Campagne, Version) = lu;
        var acteur = User.Acteur();
        if (acteur.Role == Role.Directeur)
        {
            var region = await db.Structures.AsNoTracking().Where(x => x.Code == acteur.Structure).Select(x => x.Region).FirstOrDefaultAsync();
            return region == Campagne.Region && acteur.Structure is { } s
                ? Redirect($"/Campagnes/Soumission?campagne={id}&structure={Uri.EscapeDataString(s)}")
                : Forbid();
        }
        if (!Campagne.PeutLire(acteur, Campagne.Region)) return Forbid();
        PeutAgir = Campagne.EstEtatDeLaRegion(acteur, Campagne.Region);
        Aujourdhui = Dates.TodayInParis(clock);
        var structures = await db.Structures.AsNoTracking().Where(s => s.Region == Campagne.Region).OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Nom }).ToListAsync();
        var soumissions = (await repo.SoumissionsAsync(id)).ToDictionary(s => s.StructureCode);
        Lignes = [];
        foreach (var s in structures)
        {
            var row = soumissions.GetValueOrDefault(s.Code);
            var etat = row?.Etat ?? EtatSoumission.ARemplir;
            VersionFigee? derniere = null;
            if (row is { DerniereVersion: > 0 }) derniere = (await repo.VersionsAsync(row.Id))[^1];
            Lignes.Add(new LigneCampagne(s.Code, s.Nom, etat, row?.DerniereVersion ?? 0, derniere?.Le, Campagne.EstEnRetard(etat, Aujourdhui),
                derniere is null ? null : ControlesCampagne.Of(Campagne.Type, Campagne.Exercice, derniere.Contenu)));
        }
        return null;
    }

    /// <summary>« La campagne a été modifiée entre-temps par X le … » (the message of the stale saves, in the feminine).</summary>
    public static string Conflit(string quoi, ModificationConcurrenteException e) =>
        Concurrence.Message(quoi, e.Par, e.Le).Replace(" a été modifié entre-temps", " a été modifiée entre-temps", StringComparison.Ordinal);

    /// <summary>The campaign's table: one row per Mission Locale (no count of young people: nothing to protect by secrecy).</summary>
    public TableExport Export() => new(
        $"Campagne {Campagne.Region} {Campagne.Annee}",
        ["campagne", "region", "annee", "exercice", "echeance", "etat_campagne", "structure", "nom", "etat", "version", "soumise_le", "en_retard", "anomalies", "detail_anomalies"],
        Lignes.Select(l => (IReadOnlyList<CelluleExport>)
        [
            Campagne.Type.Libelle(), Campagne.Region, CelluleExport.De(Campagne.Annee), CelluleExport.De(Campagne.Exercice), Libelles.Date(Campagne.Echeance),
            Campagne.Etat.Libelle(), l.Code, l.Nom, l.Etat.Libelle(), CelluleExport.De(l.Version),
            l.SoumiseLe is { } d ? Libelles.DateHeure(d.UtcDateTime) : "", l.EnRetard ? "oui" : "non",
            l.Anomalies is { } a ? CelluleExport.De(a.Count) : CelluleExport.Vide,
            l.Anomalies is { } b ? string.Join(" | ", b.Select(x => $"{x.Rubrique} : {x.Message}")) : "",
        ]).ToList());
}
