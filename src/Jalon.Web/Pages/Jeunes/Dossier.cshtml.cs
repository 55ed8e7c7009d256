using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Jalon.Web.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>A young person's file: identity, alerts, points of attention and the timeline of the journey.</summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class DossierModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public JourneyData Data { get; private set; } = default!;
    public string? Conseiller { get; private set; }
    public string? CommuneNom { get; private set; }
    public List<Alert> Alerts { get; private set; } = [];
    public List<string> Anomalies { get; private set; } = [];
    public List<TimelineItem> Items { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The last weeks of the young person's latest CEJ, most recent first (empty without a CEJ).</summary>
    public List<Domain.Cej.SemaineCej> SemainesCej { get; private set; } = [];
    public string BaseUrl { get; private set; } = "";
    public bool PeutAccompagner => User.Is(Policies.AccompagnementRoles);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return NotFound();
        Today = Dates.TodayInParis(clock);
        Data = await JourneyData.LoadAsync(db, jeune);
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        Alerts = PortfolioAlerts.For(Data.Journey(), Today);
        Anomalies = JourneyRules.Anomalies(Data);
        Items = Timeline.Build(Data, BaseUrl, diagnosticDetails: PeutAccompagner);
        var cej = new Storage.Cej.CejStore(db, Domain.Dispositifs.ReglesDispositifs.Publiees);
        if ((await cej.ContratsAsync(jeune.StructureCode, jeune.JeuneId)).LastOrDefault(c => c.Debut <= Today) is { } contrat)
        {
            SemainesCej = [.. (await cej.SemainesAsync(jeune.StructureCode, jeune.JeuneId, contrat, Today)).Take(8)];
            if ((contrat.Fin is null || contrat.Fin >= Today) && Domain.Cej.SemainesCej.SousMinimum(SemainesCej) is { } alert) Alerts.Add(alert);
        }
        CommuneNom = Communes.Nom(jeune.Commune);
        if (jeune.ConseillerId is { } c) Conseiller = await db.Users.Where(u => u.Id == c).Select(u => u.DisplayName).FirstOrDefaultAsync();
        Audit.Add(db, User, AuditAction.Lecture, "jeune", jeune.StructureCode, jeune.JeuneId, "consultation du dossier");
        await db.SaveChangesAsync();
        return Page();
    }
}
