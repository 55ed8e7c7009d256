using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>
/// Context and resources of a structure for a year (moyens.csv: JANO, DEFM, ETP, financing), edited in a form
/// by its director or an administrator (or imported with the exchange package). Read by everyone who may read its dashboard.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class MoyensModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Structure { get; set; }
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }

    [BindProperty] public long? Jano { get; set; }
    [BindProperty] public long? Defm { get; set; }
    [BindProperty] public decimal? EtpTotal { get; set; }
    [BindProperty] public decimal? EtpAccompagnement { get; set; }
    [BindProperty] public decimal? FinancementTotal { get; set; }
    [BindProperty] public decimal? FinancementActivitesPrincipales { get; set; }
    [BindProperty] public decimal? FinancementEtat { get; set; }
    [BindProperty] public decimal? FinancementFse { get; set; }

    public string Nom { get; private set; } = "";
    public bool Modifiable { get; private set; }
    public List<MoyensEntity> Historique { get; private set; } = [];

    private async Task<StructureEntity?> ChargerAsync()
    {
        var acteur = User.Acteur();
        Structure ??= acteur.Structure;
        Annee ??= Dates.TodayInParis(clock).Year - 1;
        var s = await db.Structures.AsNoTracking().FirstOrDefaultAsync(x => x.Code == Structure);
        if (s is null) return null;
        Nom = s.Nom;
        Modifiable = acteur.Role == Role.Administrateur || (acteur.Role == Role.Directeur && acteur.Structure == s.Code);
        return s;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var s = await ChargerAsync();
        if (s is null) return NotFound();
        if (!Domain.Pilotage.Habilitations.PeutLire(User.Acteur(), s.Code, s.Region)) return Forbid();
        Historique = await db.Moyens.AsNoTracking().Where(m => m.StructureCode == s.Code).OrderByDescending(m => m.Annee).ToListAsync();
        var m = Historique.FirstOrDefault(x => x.Annee == Annee);
        if (m is not null)
        {
            (Jano, Defm, EtpTotal, EtpAccompagnement) = (m.Jano, m.Defm, m.EtpTotal, m.EtpAccompagnement);
            (FinancementTotal, FinancementActivitesPrincipales, FinancementEtat, FinancementFse) = (m.FinancementTotal, m.FinancementActivitesPrincipales, m.FinancementEtat, m.FinancementFse);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var s = await ChargerAsync();
        if (s is null) return NotFound();
        if (!Modifiable) return Forbid();
        if (Annee is < 2000 or > 2100) ModelState.AddModelError(nameof(Annee), "L'année doit être comprise entre 2000 et 2100.");
        foreach (var (nom, v) in new[] { ("Jano", (decimal?)Jano), ("Defm", Defm), ("EtpTotal", EtpTotal), ("EtpAccompagnement", EtpAccompagnement), ("FinancementTotal", FinancementTotal), ("FinancementActivitesPrincipales", FinancementActivitesPrincipales), ("FinancementEtat", FinancementEtat), ("FinancementFse", FinancementFse) })
            if (v < 0) ModelState.AddModelError(nom, "La valeur ne peut pas être négative.");
        if (EtpAccompagnement > EtpTotal) ModelState.AddModelError(nameof(EtpAccompagnement), "Les ETP dédiés à l'accompagnement dépassent le total des ETP.");
        if (!ModelState.IsValid)
        {
            Historique = await db.Moyens.AsNoTracking().Where(m => m.StructureCode == s.Code).OrderByDescending(m => m.Annee).ToListAsync();
            return Page();
        }
        var m = await db.Moyens.FirstOrDefaultAsync(x => x.StructureCode == s.Code && x.Annee == Annee);
        if (m is null)
        {
            m = new MoyensEntity { StructureCode = s.Code, Annee = Annee!.Value };
            db.Moyens.Add(m);
        }
        (m.Jano, m.Defm, m.EtpTotal, m.EtpAccompagnement) = (Jano, Defm, EtpTotal, EtpAccompagnement);
        (m.FinancementTotal, m.FinancementActivitesPrincipales, m.FinancementEtat, m.FinancementFse) = (FinancementTotal, FinancementActivitesPrincipales, FinancementEtat, FinancementFse);
        Audit.Add(db, User, AuditAction.Modification, "moyens", s.Code, null, $"moyens {Annee}");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Contexte et moyens {Annee} enregistrés.";
        return Redirect($"/Pilotage/Moyens?structure={Uri.EscapeDataString(s.Code)}&annee={Annee}");
    }
}
