using System.IO.Compression;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Storage;
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
/// Comments and identities never leave: the format does not carry them.
/// </summary>
[Authorize(Policy = Policies.Echanges)]
public sealed class IndexModel(JalonDbContext db, ILogger<IndexModel> logger, TimeProvider clock) : PageModel
{
    public const int MaxShown = 500;

    [BindProperty] public IFormFile? Paquet { get; set; }
    [BindProperty] public string? StructureExport { get; set; }

    public List<string> Erreurs { get; private set; } = [];
    public int ErreursTotal { get; private set; }
    public List<string> Anomalies { get; private set; } = [];
    public int AnomaliesTotal { get; private set; }
    public ImportResult? Resultat { get; private set; }
    public List<(string Value, string Label)> Structures { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

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
        ReadResult result;
        // A private temporary copy: the upload stream does not seek like a file, which the zip reader needs.
        var copy = Path.Combine(Path.GetTempPath(), $"jalon-import-{Guid.NewGuid():N}.zip");
        await using (var file = new FileStream(copy, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose))
        {
            await Paquet.CopyToAsync(file);
            file.Position = 0;
            result = PackageReader.ReadZip(file);
        }
        ErreursTotal = result.ErrorCount;
        Erreurs = result.Errors.Take(MaxShown).Select(e => e.ToString()).ToList();
        AnomaliesTotal = result.AnomalyCount;
        Anomalies = result.Anomalies.Take(MaxShown).Select(e => e.ToString()).ToList();
        if (!result.IsValid || result.Package is null)
        {
            ModelState.AddModelError(nameof(Paquet), $"Le paquet contient {ErreursTotal} erreur(s) : rien n'a été importé. Corrigez-les puis recommencez.");
            return Page();
        }
        if (User.StructureCode() is { } own && result.Package.Structures.Any(s => s.Code != own))
        {
            ModelState.AddModelError(nameof(Paquet), $"Le paquet contient d'autres structures que la vôtre ({own}) : rien n'a été importé.");
            return Page();
        }
        Resultat = PackageImporter.Import(db, result.Package, User.Login(), User.UserId());
        // The dashboards of the imported structures are ready at once (their tallies, stale since the import).
        new IndicatorStore(db).RefreshAfterImport(IndicateursPilotage.Catalogue, result.Package, Dates.TodayInParis(clock));
        return Page();
    }

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
