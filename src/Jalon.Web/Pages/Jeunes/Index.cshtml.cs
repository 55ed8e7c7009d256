using System.Globalization;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>Search the young people of the user's structure by name, identifier or birth date.</summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class IndexModel(JalonDbContext db) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "naissance")]
    public string? Naissance { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<JeuneEntity> Results { get; private set; } = [];
    public Dictionary<int, string> Conseillers { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0, _ => "");
    public string? NaissanceError { get; private set; }

    public async Task OnGetAsync()
    {
        var structure = User.StructureCode()!;
        // Anonymised files (retention, erasure) are statistical records only: never listed.
        var query = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim();
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var part in parts)
            {
                var lower = part.ToLowerInvariant();
#pragma warning disable CA1862 // translated to SQL: lower(Nom) LIKE '%…%', on SQLite and PostgreSQL alike
                query = query.Where(j => j.JeuneId == part || j.Nom!.ToLower().Contains(lower) || j.Prenom!.ToLower().Contains(lower));
#pragma warning restore CA1862
            }
        }
        if (!string.IsNullOrWhiteSpace(Naissance))
        {
            if (DateOnly.TryParseExact(Naissance.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
                query = query.Where(j => j.Naissance == birth);
            else
                NaissanceError = "Saisissez la date de naissance au format jj/mm/aaaa.";
        }
        // One search of the structure: the matches' identifiers in the list's order (their number is the total), then
        // the page's files by key — rather than a count and a page, each searching the structure again.
        var matches = await query.OrderBy(j => j.Nom).ThenBy(j => j.Prenom).ThenBy(j => j.JeuneId).Select(j => j.JeuneId).ToListAsync();
        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, matches.Count, p => Url.Page("/Jeunes/Index", new { q = Q, naissance = Naissance, p })!);
        var shown = matches.Skip(Paging.Skip).Take(PageSize).ToList();
        var files = await db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && shown.Contains(j.JeuneId)).ToDictionaryAsync(j => j.JeuneId);
        Results = shown.Where(files.ContainsKey).Select(id => files[id]).ToList(); // a file erased in between is left out
        Conseillers = await db.Users.AsNoTracking().Where(u => u.StructureCode == structure).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
    }
}
