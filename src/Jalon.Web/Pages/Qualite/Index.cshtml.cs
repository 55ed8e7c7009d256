using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Qualite;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Qualite;

/// <summary>
/// The data-quality assistant (docs/qualite.md): the share of files with no finding, the findings to fix with the figures
/// their obvious fixes move (the engine recomputed: <see cref="QualityImpact"/>), the trend over 12 month ends, CSV export.
/// A director sees the whole structure (and each counsellor's share, and one counsellor's list with <c>conseiller</c>);
/// a counsellor sees their own files. Aggregate-only roles never reach it (policy <see cref="Policies.Portefeuille"/>).
/// Every view is audited as a read of each file listed.
/// </summary>
[Authorize(Policy = Policies.Portefeuille)]
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>At most this many findings are shown on the page (the CSV holds them all).</summary>
    public const int MaxLignes = 200;

    [BindProperty(SupportsGet = true, Name = "conseiller")] public int? ConseillerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "annee")] public int? Annee { get; set; }
    [BindProperty(SupportsGet = true, Name = "format")] public string? Format { get; set; }

    public sealed record Ligne(string JeuneId, string Nom, string? Conseiller, Finding Constat);

    public sealed record PartConseiller(int? Id, string Nom, int Dossiers, int SansConstat);

    public DateOnly Today { get; private set; }
    public Period Periode { get; private set; }
    public string Titre { get; private set; } = "Qualité de mes dossiers";
    public int Dossiers { get; private set; }
    public int SansConstat { get; private set; }
    public double? Part => Dossiers == 0 ? null : (double)SansConstat / Dossiers;
    public IReadOnlyList<PartConseiller> ParConseiller { get; private set; } = [];
    public IReadOnlyList<KindImpact> ParType { get; private set; } = [];
    public IReadOnlyList<(DateOnly FinDeMois, int Dossiers, double? Part)> Tendance { get; private set; } = [];
    public IReadOnlyList<Ligne> Lignes { get; private set; } = [];
    public int TotalLignes { get; private set; }

    /// <summary>Every finding of the files of the view, whatever the kind asked for.</summary>
    public int TotalConstats { get; private set; }
    public bool Directeur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var structure = User.StructureCode()!;
        Today = Dates.TodayInParis(clock);
        Directeur = User.Is(Role.Directeur);
        if (!Directeur) ConseillerId = User.UserId();
        else if (ConseillerId is { } c && !await db.Users.AnyAsync(u => u.Id == c && u.StructureCode == structure)) return Forbid();
        QualityKind? type = null;
        if (Type is not null)
        {
            if (!Enum.TryParse<QualityKind>(Type, out var k) || !Enum.IsDefined(k)) return BadRequest();
            type = k;
        }
        var annee = Annee ?? Today.Year;
        if (annee < 2000 || annee > Today.Year) return BadRequest();
        Periode = annee == Today.Year ? new Period(new DateOnly(annee, 1, 1), Today) : Period.Year(annee);

        var fiches = await db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null)
            .Select(j => new { j.JeuneId, j.Nom, j.Prenom, j.ConseillerId }).ToDictionaryAsync(j => j.JeuneId, StringComparer.Ordinal);
        var noms = await db.Users.AsNoTracking().Where(u => u.StructureCode == structure)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync();

        // The whole structure's data (the obvious fixes take its usual values; the impact is on its figures), the files of the
        // view analysed: the structure's for a director, one counsellor's otherwise.
        var package = PackageLoader.Load(db, structure);
        var mine = Enumerable.Range(0, package.Jeunes.Length)
            .Where(j => fiches.TryGetValue(package.Jeunes[j].Id, out var f) && (ConseillerId is null || f.ConseillerId == ConseillerId)).ToArray();
        var report = QualityAnalysis.Analyse(package, Today, mine);
        Dossiers = mine.Length;
        SansConstat = mine.Count(report.IsClean);
        if (Directeur && ConseillerId is null)
        {
            Titre = "Qualité des données de la structure";
            ParConseiller = mine.GroupBy(j => fiches[package.Jeunes[j].Id].ConseillerId)
                .Select(g => new PartConseiller(g.Key, g.Key is { } id ? noms.FirstOrDefault(n => n.Id == id)?.DisplayName ?? "(compte supprimé)" : "(sans conseiller référent)",
                    g.Count(), g.Count(report.IsClean)))
                .OrderBy(p => p.Id is null).ThenBy(p => p.Nom, StringComparer.Create(Libelles.Fr, true)).ToList();
        }
        else if (Directeur)
        {
            Titre = "Qualité des dossiers de " + (noms.FirstOrDefault(n => n.Id == ConseillerId)?.DisplayName ?? "?");
        }
        ParType = QualityImpact.ParType(report, IndicateursPilotage.Catalogue, new IndicatorRequest(Periode), structure);
        Tendance = QualityAnalysis.Tendance(package, Today, 12, mine);

        var all = report.Findings.Where(f => type is null || f.Kind == type).Select(f =>
        {
            var fiche = fiches[package.Jeunes[f.Jeune].Id];
            var nom = string.Join(' ', new[] { fiche.Prenom, fiche.Nom }.Where(x => !string.IsNullOrEmpty(x)));
            var conseiller = fiche.ConseillerId is { } id ? noms.FirstOrDefault(n => n.Id == id)?.DisplayName : null;
            return new Ligne(fiche.JeuneId, nom, conseiller, f);
        }).ToList();
        TotalLignes = all.Count;
        TotalConstats = report.Findings.Count;
        Lignes = Format == "csv" ? all : all.Take(MaxLignes).ToList();

        // Each file listed is read: audited as such (as the other lists of young people), plus the export.
        var detail = $"qualité des données{(type is null ? "" : " : " + Type)}";
        foreach (var id in Lignes.Select(l => l.JeuneId).Distinct()) Audit.Add(db, User, AuditAction.Lecture, "jeune", structure, id, detail);
        if (Format == "csv") Audit.Add(db, User, AuditAction.Export, "liste de jeunes", structure, null, $"{detail}, {all.Count} constats (csv)");
        await db.SaveChangesAsync();

        if (Format == "csv")
        {
            var table = new TableExport("Constats de qualité", ["jeune", "nom", "conseiller", "type", "champ", "constat", "correction"],
                all.Select(l => (IReadOnlyList<CelluleExport>)[l.JeuneId, l.Nom, l.Conseiller ?? "", l.Constat.Kind.ToString(), l.Constat.Champ, l.Constat.Message, l.Constat.Correction]).ToList());
            return File(Exports.Csv(table), Exports.TypeCsv, $"qualite-{structure}-{Today:yyyy-MM-dd}.csv");
        }
        return Page();
    }

    public static string Pourcent(double? part) => part is { } p ? p.ToString("P0", Libelles.Fr) : "—";

    public static string Valeur(double? v) => v is { } x ? Math.Round(x, 2).ToString("0.##", Libelles.Fr) : "—";

    public string Lien(string? type = null, bool csv = false, int? conseiller = null) =>
        Url.Page("/Qualite/Index", new { conseiller = conseiller ?? (Directeur ? ConseillerId : null), type, annee = Annee, format = csv ? "csv" : null })!;
}
