using System.IO.Compression;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Storage;
using Jalon.Storage.Backups;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Echanges;

/// <summary>
/// Import (all or nothing: every error listed as file:line: column: message) and export of packages of the
/// exchange format, as zip files. A directeur imports and exports their structure only; the administrateur any.
/// An import is first shown as a preview (added, changed, removed per structure, docs/adr/0005-reimport-fusion.md)
/// and written only once confirmed, after an automatic backup of the database. Comments and identities never leave:
/// the format does not carry them.
/// </summary>
[Authorize(Policy = Policies.Echanges)]
public sealed class IndexModel(JalonDbContext db, ILogger<IndexModel> logger, TimeProvider clock, IConfiguration configuration, IWebHostEnvironment environment)
    : PageModel
{
    public const int MaxShown = 500;

    [BindProperty] public IFormFile? Paquet { get; set; }
    [BindProperty] public string? StructureExport { get; set; }

    /// <summary>The pending import being previewed (a random token naming the deposited zip).</summary>
    [BindProperty] public string? Jeton { get; set; }

    public List<string> Erreurs { get; private set; } = [];
    public int ErreursTotal { get; private set; }
    public List<string> Anomalies { get; private set; } = [];
    public int AnomaliesTotal { get; private set; }
    public ImportPlan? Apercu { get; private set; }
    public string? NomPaquet { get; private set; }
    public string? AvertissementApercu { get; private set; }
    public ImportResult? Resultat { get; private set; }
    public string? Sauvegarde { get; private set; }
    public List<(string Value, string Label)> Structures { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Step 1: the package is checked and previewed; nothing is written.</summary>
    public async Task<IActionResult> OnPostImportAsync()
    {
        await LoadAsync();
        if (Paquet is null || Paquet.Length == 0)
        {
            ModelState.AddModelError(nameof(Paquet), "Choisissez un fichier zip contenant les fichiers CSV du format d'échange.");
            return Page();
        }
        if (!Paquet.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Paquet), "Le fichier doit être une archive zip (extension .zip).");
            return Page();
        }
        var pending = Attente();
        pending.Purge(TimeSpan.FromHours(2));
        var jeton = Guid.NewGuid().ToString("N");
        var path = pending.Path(User.UserId(), jeton);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            await Paquet.CopyToAsync(file);
        var package = Read(path);
        if (package is null)
        {
            System.IO.File.Delete(path);
            return Page();
        }
        Apercu = PackageImporter.Plan(db, package);
        pending.Save(User.UserId(), jeton, new PendingImport(Paquet.FileName, Apercu.Revisions));
        Jeton = jeton;
        NomPaquet = Paquet.FileName;
        return Page();
    }

    /// <summary>Step 2: the previewed package is imported, after an automatic backup.</summary>
    public async Task<IActionResult> OnPostConfirmerAsync()
    {
        await LoadAsync();
        var pending = Attente();
        if (string.IsNullOrEmpty(Jeton) || !Jeton.All(char.IsAsciiHexDigit) || pending.Load(User.UserId(), Jeton) is not { } waiting)
        {
            ModelState.AddModelError(nameof(Paquet), "Cet aperçu n'est plus disponible (il expire au bout de deux heures) : déposez à nouveau le paquet.");
            return Page();
        }
        var path = pending.Path(User.UserId(), Jeton);
        var package = Read(path);
        if (package is null)
        {
            pending.Delete(User.UserId(), Jeton);
            return Page();
        }
        var plan = PackageImporter.Plan(db, package);
        NomPaquet = waiting.Nom;
        if (!plan.Revisions.OrderBy(x => x.Key).SequenceEqual(waiting.Revisions.OrderBy(x => x.Key)))
        {
            // The structures changed since the preview (someone saved, another import): show what the import would do now.
            pending.Save(User.UserId(), Jeton, waiting with { Revisions = plan.Revisions });
            Apercu = plan;
            AvertissementApercu = "Les données ont changé depuis l'aperçu : voici ce que l'import ferait maintenant. Vérifiez-le puis confirmez.";
            return Page();
        }
        if (plan.Structures.Any(s => !s.Nouvelle && s.Change))
        {
            try
            {
                Sauvegarde = DatabaseBackup.Snapshot(db, Sauvegardes.Dossier(configuration, environment, db), "avant-import", userLogin: User.Login()).File;
            }
            catch (SauvegardeException e)
            {
                logger.LogError(e, "Sauvegarde automatique avant l'import impossible");
                ModelState.AddModelError(nameof(Paquet), $"La sauvegarde automatique a échoué ({e.Message}) : rien n'a été importé.");
                Jeton = null;
                return Page();
            }
        }
        Resultat = PackageImporter.Import(db, package, User.Login(), User.UserId());
        pending.Delete(User.UserId(), Jeton);
        Jeton = null;
        // The dashboards of the imported structures are ready at once (their tallies, stale since the import).
        new IndicatorStore(db).RefreshAfterImport(IndicateursPilotage.Catalogue, package, Dates.TodayInParis(clock), Resultat.Plan);
        return Page();
    }

    public IActionResult OnPostAnnuler()
    {
        if (!string.IsNullOrEmpty(Jeton) && Jeton.All(char.IsAsciiHexDigit)) Attente().Delete(User.UserId(), Jeton);
        TempData["Succes"] = "Import annulé : rien n'a été écrit.";
        return RedirectToPage();
    }

    /// <summary>Reads and checks a deposited zip (errors, anomalies, structures of the user); null when it cannot be imported.</summary>
    private JourneyPackage? Read(string path)
    {
        ReadResult result;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            result = PackageReader.ReadZip(file);
        ErreursTotal = result.ErrorCount;
        Erreurs = result.Errors.Take(MaxShown).Select(e => e.ToString()).ToList();
        AnomaliesTotal = result.AnomalyCount;
        Anomalies = result.Anomalies.Take(MaxShown).Select(e => e.ToString()).ToList();
        if (!result.IsValid || result.Package is null)
        {
            ModelState.AddModelError(nameof(Paquet), $"Le paquet contient {ErreursTotal} erreur(s) : rien n'a été importé. Corrigez-les puis recommencez.");
            return null;
        }
        if (User.StructureCode() is { } own && result.Package.Structures.Any(s => s.Code != own))
        {
            ModelState.AddModelError(nameof(Paquet), $"Le paquet contient d'autres structures que la vôtre ({own}) : rien n'a été importé.");
            return null;
        }
        return result.Package;
    }

    private ImportsEnAttente Attente() =>
        new(configuration["Jalon:Import:Attente"] is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "jalon-imports"));

    public async Task<IActionResult> OnPostExportAsync()
    {
        var structure = User.StructureCode() ?? (string.IsNullOrEmpty(StructureExport) ? null : StructureExport);
        if (structure is not null && !await db.Structures.AnyAsync(s => s.Code == structure)) return NotFound();
        var package = PackageLoader.Load(db, structure, withIds: true);
        var dir = Directory.CreateTempSubdirectory("jalon-export-");
        try
        {
            PackageWriter.Write(package, dir.FullName);
            var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in Directory.EnumerateFiles(dir.FullName).Order(StringComparer.Ordinal))
                    zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Optimal);
            }
            Audit.Add(db, User, AuditAction.Export, "paquet", structure, null, $"export : {package.Jeunes.Length} jeunes");
            await db.SaveChangesAsync();
            buffer.Position = 0;
            var name = $"jalon-{structure ?? "national"}-{DateTime.UtcNow:yyyyMMdd}.zip";
            return File(buffer, "application/zip", name);
        }
        finally
        {
            try { dir.Delete(recursive: true); }
            catch (IOException e) { logger.LogWarning(e, "Dossier temporaire d'export non supprimé"); }
        }
    }

    private async Task LoadAsync()
    {
        if (User.StructureCode() is null)
        {
            Structures = (await db.Structures.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Nom }).ToListAsync())
                .Select(s => (s.Code, $"{s.Code} — {s.Nom}")).ToList();
        }
    }
}
