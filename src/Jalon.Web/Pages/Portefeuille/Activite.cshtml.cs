using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Portefeuille;

/// <summary>
/// The activity per counsellor (issue 8, seed 000 « outil CEF »): young people in portfolio, active and JDI, entretiens of
/// the last 12 months, alerts (<see cref="ActiviteConseillers"/>), beside the structure's average per counsellor and the
/// seed's reference of 105 active young people per FTE. A director sees every counsellor of the structure; a counsellor
/// their own line and the average only. The FTE of a counsellor comes from the staff register (a member linked to the
/// account), the structure's accompaniment FTE from its BRH (A31) of the current or previous year; otherwise « inconnu ».
/// </summary>
[Authorize(Policy = Policies.Portefeuille)]
public sealed class ActiviteModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "conseiller")] public int? ConseillerId { get; set; }

    public sealed record Ligne(int? Id, string Nom, ActiviteConseiller Activite, decimal? Etp);

    public List<Ligne> Lignes { get; private set; } = [];
    public ActiviteConseiller Total { get; } = new();
    public int Conseillers { get; private set; }
    public DateOnly Today { get; private set; }
    public DateOnly[] Mois { get; private set; } = [];
    public decimal? EtpStructure { get; private set; }
    public int? AnneeBrh { get; private set; }
    public bool Direction { get; private set; }
    public string Titre => Direction ? "Activité des conseillers" : "Mon activité";

    public double MoyenneActifs => Conseillers == 0 ? 0 : Math.Round(Total.Actifs / (double)Conseillers, 1);
    public double MoyenneEntretiens(int mois) => Conseillers == 0 ? 0 : Math.Round(Total.EntretiensParMois[mois] / (double)Conseillers, 1);

    public async Task<IActionResult> OnGetAsync()
    {
        var structure = User.StructureCode()!;
        Direction = User.Is(Role.Directeur);
        Today = Dates.TodayInParis(clock);
        Mois = ActiviteConseillers.Mois(Today);
        var me = User.UserId();
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.StructureCode == structure && (u.Role == Role.Conseiller || u.Role == Role.Directeur))
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync();
        if (ConseillerId is { } asked && (!staff.Exists(u => u.Id == asked) || (!Direction && asked != me))) return Forbid();

        var owners = await db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null)
            .Select(j => new { j.JeuneId, j.ConseillerId }).ToDictionaryAsync(j => j.JeuneId, j => j.ConseillerId);
        var package = PackageLoader.Load(db, structure);
        var activity = ActiviteConseillers.Of(package, i => owners.GetValueOrDefault(package.Jeunes[i].Id), Today, out var sansConseiller);

        // FTE: the staff register's members linked to an account and present today; the structure's from its BRH.
        var register = await db.Personnel.AsNoTracking().Where(p => p.StructureCode == structure && p.UserId != null).ToListAsync();
        decimal? Etp(int id)
        {
            var present = register.Where(p => p.UserId == id && p.Debut <= Today && (p.Fin == null || p.Fin >= Today)).ToList();
            return present.Count == 0 ? null : present.Sum(p => p.Etp);
        }
        foreach (var annee in new[] { Today.Year, Today.Year - 1 })
        {
            var a31 = await db.BrhLignes.AsNoTracking().Where(l => l.StructureCode == structure && l.Annee == annee && l.Code == "A31").Select(l => l.Total).FirstOrDefaultAsync();
            if (a31 is null) continue;
            (EtpStructure, AnneeBrh) = (a31, annee);
            break;
        }

        // The average is over the counsellors (and directors) who follow young people, whoever is shown.
        var counted = staff.Where(u => u.Role == Role.Conseiller || activity.ContainsKey(u.Id)).OrderBy(u => u.DisplayName, StringComparer.Create(Libelles.Fr, true)).ToList();
        Conseillers = counted.Count;
        foreach (var row in activity.Values.Append(sansConseiller).OfType<ActiviteConseiller>()) Total.Add(row);
        var shown = Direction ? counted.Where(u => ConseillerId is null || u.Id == ConseillerId) : counted.Where(u => u.Id == me);
        Lignes = shown.Select(u => new Ligne(u.Id, u.DisplayName, activity.GetValueOrDefault(u.Id) ?? new ActiviteConseiller(), Etp(u.Id))).ToList();
        if (Direction && ConseillerId is null && sansConseiller is not null) Lignes.Add(new Ligne(null, "Sans conseiller", sansConseiller, null));
        return Page();
    }
}
