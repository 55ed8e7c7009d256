using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Domain.Qualite;
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
/// A counsellor's portfolio: their young people with the alerts of <see cref="PortfolioAlerts"/>, sortable,
/// filterable and paginated. A directeur sees the portfolio of any counsellor of the structure.
/// </summary>
[Authorize(Policy = Policies.Portefeuille)]
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "conseiller")] public int? ConseillerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "alerte")] public string? Alerte { get; set; }
    [BindProperty(SupportsGet = true, Name = "tous")] public bool Tous { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "tri")] public string Tri { get; set; } = "alertes";
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public sealed record Ligne(string JeuneId, string Nom, string Prenom, DateOnly Naissance, int Age, DateOnly PremierAccueil, DateOnly DerniereActualite, bool EnParcours, List<Alert> Alertes);

    public List<Ligne> Lignes { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<AlertKind, int> ParAlerte { get; private set; } = [];
    public List<(string Value, string Label)> Conseillers { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0, _ => "");
    public DateOnly Today { get; private set; }
    public string Titre { get; private set; } = "Mon portefeuille";

    /// <summary>The portfolio's files (all, followed or not) and those with no quality finding (docs/qualite.md).</summary>
    public int DossiersQualite { get; private set; }
    public int SansConstat { get; private set; }

    public static readonly (string Value, string Label)[] Tris =
    [
        ("alertes", "Alertes (les plus nombreuses d'abord)"),
        ("nom", "Nom"),
        ("naissance", "Âge (les plus âgés d'abord)"),
        ("accueil", "Premier accueil (le plus récent d'abord)"),
        ("actualite", "Dernière actualité (la plus ancienne d'abord)"),
    ];

    public async Task OnGetAsync()
    {
        var structure = User.StructureCode()!;
        Today = Dates.TodayInParis(clock);
        var me = User.UserId();
        if (User.Is(Role.Directeur))
        {
            Conseillers = (await db.Users.AsNoTracking()
                .Where(u => u.StructureCode == structure && (u.Role == Role.Conseiller || u.Role == Role.Directeur))
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync())
                .Select(u => (u.Id.ToString(Libelles.Fr), u.DisplayName)).ToList();
            Titre = "Portefeuilles des conseillers";
        }
        else
        {
            ConseillerId = me;
        }

        var people = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null);
        if (ConseillerId is { } c) people = people.Where(j => j.ConseillerId == c);
        var identities = await people.Select(j => new { j.JeuneId, j.Nom, j.Prenom }).ToDictionaryAsync(j => j.JeuneId);

        // One read of the portfolio's journeys (the whole structure only for a director's overall view),
        // then the pure alert rules per young person.
        var package = PackageLoader.Load(db, structure, ConseillerId);
        var all = new List<Ligne>();
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            var jeune = package.Jeunes[i];
            if (!identities.TryGetValue(jeune.Id, out var identity)) continue;
            var journey = package.Journey(i);
            if (!Tous && !PortfolioAlerts.IsFollowed(journey, Today)) continue;
            var alerts = PortfolioAlerts.For(journey, Today);
            var enParcours = false;
            foreach (var p in journey.Parcours) enParcours |= p.Interval.IsActiveOn(Today);
            all.Add(new Ligne(jeune.Id, identity.Nom ?? "", identity.Prenom ?? "", jeune.Naissance, jeune.AgeOn(Today), jeune.PremierAccueil, journey.DerniereActualite(Today), enParcours, alerts));
        }
        await AddCejAlertsAsync(structure, package, identities.Keys, all);
        var files = Enumerable.Range(0, package.Jeunes.Length).Where(i => identities.ContainsKey(package.Jeunes[i].Id)).ToArray();
        var quality = QualityAnalysis.Analyse(package, Today, files);
        DossiersQualite = files.Length;
        SansConstat = files.Count(quality.IsClean);
        ParAlerte = Enum.GetValues<AlertKind>().ToDictionary(k => k, k => all.Count(l => l.Alertes.Exists(a => a.Kind == k)));

        IEnumerable<Ligne> rows = all;
        if (Enum.TryParse<AlertKind>(Alerte, out var kind)) rows = rows.Where(l => l.Alertes.Exists(a => a.Kind == kind));
        else if (Alerte == "aucune") rows = rows.Where(l => l.Alertes.Count == 0);
        else if (Alerte == "toutes") rows = rows.Where(l => l.Alertes.Count > 0);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            foreach (var part in Q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                rows = rows.Where(l => l.JeuneId == part || l.Nom.Contains(part, StringComparison.OrdinalIgnoreCase) || l.Prenom.Contains(part, StringComparison.OrdinalIgnoreCase));
        }
        rows = Tri switch
        {
            "nom" => rows.OrderBy(l => l.Nom, StringComparer.Create(Libelles.Fr, true)).ThenBy(l => l.Prenom, StringComparer.Create(Libelles.Fr, true)),
            "naissance" => rows.OrderBy(l => l.Naissance),
            "accueil" => rows.OrderByDescending(l => l.PremierAccueil),
            "actualite" => rows.OrderBy(l => l.DerniereActualite),
            _ => rows.OrderByDescending(l => l.Alertes.Count).ThenBy(l => l.Alertes.Count > 0 ? (int)l.Alertes[0].Kind : 99).ThenBy(l => l.Nom, StringComparer.Create(Libelles.Fr, true)),
        };
        var filtered = rows.ToList();
        Total = filtered.Count;
        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, Total,
            p => Url.Page("/Portefeuille/Index", new { conseiller = User.Is(Role.Directeur) ? ConseillerId : null, alerte = Alerte, tous = Tous ? true : (bool?)null, q = Q, tri = Tri, p })!);
        Lignes = filtered.Skip(Paging.Skip).Take(PageSize).ToList();
    }

    /// <summary>The CEJ caseload alert of the counsellor's portfolio (docs/cej.md), or null.</summary>
    public string? AlerteChargeCej { get; private set; }

    /// <summary>
    /// The CEJ alerts: a young person whose contract is active today and whose last complete week is under the minimum; the
    /// caseload alert when one counsellor's portfolio holds more young people in a CEJ than the rule's value.
    /// </summary>
    private async Task AddCejAlertsAsync(string structure, Domain.JourneyPackage package, ICollection<string> portfolio, List<Ligne> lignes)
    {
        var contrats = new List<(string Jeune, DateOnly Debut, DateOnly? Fin)>();
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            var id = package.Jeunes[i].Id;
            if (!portfolio.Contains(id)) continue;
            foreach (var p in package.Journey(i).Parcours)
            {
                if (p.Dispositif == Dispositif.Cej && p.Interval.IsActiveOn(Today)) contrats.Add((id, p.Debut, p.Fin));
            }
        }
        if (ConseillerId is not null) AlerteChargeCej = Domain.Cej.SemainesCej.AlerteCharge(Domain.Dispositifs.ReglesDispositifs.Publiees, contrats.Count, Today);
        var weeks = await new Storage.Cej.CejStore(db, Domain.Dispositifs.ReglesDispositifs.Publiees).DernieresSemainesAsync(structure, contrats, Today);
        foreach (var l in lignes)
        {
            if (weeks.TryGetValue(l.JeuneId, out var w) && Domain.Cej.SemainesCej.SousMinimum(w) is { } alert) l.Alertes.Add(alert);
        }
    }

    public string FilterUrl(string? alerte) =>
        Url.Page("/Portefeuille/Index", new { conseiller = User.Is(Role.Directeur) ? ConseillerId : null, alerte, tous = Tous ? true : (bool?)null, q = Q, tri = Tri })!;
}
