using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage;
using Jalon.Storage.Cej;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Cej;

/// <summary>
/// The structure's collective sessions of the CEJ (docs/cej.md): a session has a date, a theme, a category and hours; each young
/// person present is credited with its hours in their week.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class SessionsModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public sealed class SessionInput
    {
        public DateOnly? Date { get; set; }
        public string? Theme { get; set; }
        public string? Categorie { get; set; }
        public string? Heures { get; set; }
    }

    public sealed record Participant(string JeuneId, string Nom);

    [BindProperty] public SessionInput Session { get; set; } = new();

    public List<(CejSessionEntity Session, Dictionary<string, Presence> Presences)> Liste { get; private set; } = [];
    public List<Participant> JeunesEnCej { get; private set; } = [];
    public string? Message { get; private set; }

    private string Structure => User.StructureCode()!;

    public async Task OnGetAsync(string? message)
    {
        Message = message;
        Session.Date = Dates.TodayInParis(clock);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var categorie = Enum.TryParse<CategorieActivite>(Session.Categorie, out var c) && Enum.IsDefined(c) ? c : (CategorieActivite?)null;
        if (Session.Date is null) ModelState.AddModelError("Session.Date", "Saisissez la date de la session.");
        if (string.IsNullOrWhiteSpace(Session.Theme)) ModelState.AddModelError("Session.Theme", "Saisissez le thème de la session.");
        else if (Session.Theme.Length > 200) ModelState.AddModelError("Session.Theme", "200 caractères au plus.");
        if (categorie is null) ModelState.AddModelError("Session.Categorie", "Choisissez la catégorie.");
        decimal heures = 0;
        if (!decimal.TryParse(Session.Heures?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out heures) || heures <= 0 || heures > 24)
            ModelState.AddModelError("Session.Heures", "Saisissez la durée en heures, par exemple 3 ou 2,5 (au plus 24).");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var session = new CejSessionEntity { StructureCode = Structure, Date = Session.Date!.Value, Theme = Session.Theme!.Trim(), Categorie = categorie!.Value, Heures = heures };
        db.CejSessions.Add(session);
        Audit.Add(db, User, AuditAction.Creation, "cej-session", Structure, null, $"session collective « {session.Theme} » du {session.Date:dd/MM/yyyy}, {heures:0.##} h");
        await db.SaveChangesAsync();
        return Redirect("/Cej/Sessions?message=" + Uri.EscapeDataString("Session enregistrée : indiquez ses participants."));
    }

    /// <summary>The participants of a session and their attendance (a young person left on « — » is not a participant).</summary>
    public async Task<IActionResult> OnPostPresencesAsync(long sessionId, Dictionary<string, string> presences)
    {
        var session = await db.CejSessions.FirstOrDefaultAsync(s => s.StructureCode == Structure && s.Id == sessionId);
        if (session is null) return NotFound();
        var existing = await db.CejParticipants.Where(p => p.StructureCode == Structure && p.SessionId == sessionId).ToListAsync();
        var known = (await db.Jeunes.AsNoTracking().Where(j => j.StructureCode == Structure && presences.Keys.Contains(j.JeuneId)).Select(j => j.JeuneId).ToListAsync()).ToHashSet();
        var changes = 0;
        foreach (var (jeune, texte) in presences)
        {
            if (!known.Contains(jeune)) continue;
            var row = existing.FirstOrDefault(p => p.JeuneId == jeune);
            if (!Enum.TryParse<Presence>(texte, out var presence) || !Enum.IsDefined(presence))
            {
                if (row is not null) { db.CejParticipants.Remove(row); changes++; Audit.Add(db, User, AuditAction.Suppression, "cej-session", Structure, jeune, $"retiré(e) de la session du {session.Date:dd/MM/yyyy}"); }
                continue;
            }
            if (row is null) db.CejParticipants.Add(row = new CejParticipantEntity { StructureCode = Structure, SessionId = sessionId, JeuneId = jeune, Presence = presence });
            else if (row.Presence == presence) continue;
            row.Presence = presence;
            changes++;
            Audit.Add(db, User, AuditAction.Modification, "cej-session", Structure, jeune, $"session du {session.Date:dd/MM/yyyy} : {CejLibelles.Of(presence)}");
        }
        await db.SaveChangesAsync();
        return Redirect("/Cej/Sessions?message=" + Uri.EscapeDataString($"Présences enregistrées ({changes} changement(s))."));
    }

    private async Task LoadAsync()
    {
        var today = Dates.TodayInParis(clock);
        var depuis = today.AddDays(-60);
        var sessions = await db.CejSessions.AsNoTracking().Where(s => s.StructureCode == Structure && s.Date >= depuis)
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).Take(30).ToListAsync();
        var ids = sessions.Select(s => s.Id).ToList();
        var participants = await db.CejParticipants.AsNoTracking().Where(p => p.StructureCode == Structure && ids.Contains(p.SessionId)).ToListAsync();
        Liste = sessions.Select(s => (s, participants.Where(p => p.SessionId == s.Id).ToDictionary(p => p.JeuneId, p => p.Presence))).ToList();
        var enCej = from p in db.Parcours.AsNoTracking()
                    join j in db.Jeunes.AsNoTracking() on new { p.StructureCode, p.JeuneId } equals new { j.StructureCode, j.JeuneId }
                    where p.StructureCode == Structure && p.Dispositif == Dispositif.Cej && p.Debut <= today && (p.Fin == null || p.Fin >= today) && j.AnonymiseLe == null
                    select new { j.JeuneId, j.Nom, j.Prenom, j.ConseillerId };
        if (User.Is(Role.Conseiller))
        {
            var me = User.UserId();
            enCej = enCej.Where(j => j.ConseillerId == me);
        }
        JeunesEnCej = (await enCej.Distinct().ToListAsync())
            .Select(j => new Participant(j.JeuneId, $"{j.Prenom} {j.Nom?.ToUpper(Libelles.Fr)}")).OrderBy(p => p.Nom, StringComparer.Create(Libelles.Fr, true)).ToList();
    }
}
