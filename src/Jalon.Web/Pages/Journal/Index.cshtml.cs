using System.Globalization;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Journal;

/// <summary>
/// The audit log, read-only: who read or changed which file, when. A directeur sees their structure's rows;
/// the administrateur sees all. There is no handler that changes a row: the log is append-only.
/// </summary>
[Authorize(Policy = Policies.Journal)]
public sealed class IndexModel(JalonDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "utilisateur")] public string? Utilisateur { get; set; }
    [BindProperty(SupportsGet = true, Name = "jeune")] public string? Jeune { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionFiltre { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public string? Du { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? Au { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<AuditEntry> Entries { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0, _ => "");

    public async Task OnGetAsync()
    {
        var query = db.AuditLog.AsNoTracking();
        if (User.StructureCode() is { } structure) query = query.Where(a => a.StructureCode == structure);
        if (!string.IsNullOrWhiteSpace(Utilisateur)) query = query.Where(a => a.UserLogin == Utilisateur.Trim());
        if (!string.IsNullOrWhiteSpace(Jeune)) query = query.Where(a => a.JeuneId == Jeune.Trim());
        if (Enum.TryParse<AuditAction>(ActionFiltre, out var action)) query = query.Where(a => a.Action == action);
        if (ParseDay(Du) is { } du) query = query.Where(a => a.At >= du);
        if (ParseDay(Au) is { } au) query = query.Where(a => a.At < au.AddDays(1));
        var total = await query.CountAsync();
        Paging = new Paging(Paging.Clamp(PageNumber), PageSize, total,
            p => Url.Page("/Journal/Index", new { utilisateur = Utilisateur, jeune = Jeune, action = ActionFiltre, du = Du, au = Au, p })!);
        Entries = await query.OrderByDescending(a => a.Id).Skip(Paging.Skip).Take(PageSize).ToListAsync();
    }

    /// <summary>The log cannot be changed from the application: any POST is refused.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    /// <summary>A day typed in the filter, as the UTC start of that day in Paris.</summary>
    private static DateTime? ParseDay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), paris);
    }
}
