using System.Text;
using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Exchange.Asp;
using Jalon.Storage;
using Jalon.Storage.Cej;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Cej;

/// <summary>
/// The director's page of the CEJ allowance (docs/cej.md): a month's allowances, their validation (frozen), the monthly request
/// file for the ASP, the ASP's return file, and the structure's default hours per category of action.
/// </summary>
[Authorize(Policy = Policies.AllocationsCej)]
[RequestSizeLimit(5_000_000)]
public sealed class AllocationsModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Ligne(CejAllocationEntity Allocation, string Nom);

    [BindProperty(SupportsGet = true, Name = "mois")] public string? MoisTexte { get; set; }

    public DateOnly Mois { get; private set; }
    public List<Ligne> Lignes { get; private set; } = [];
    public Dictionary<CategorieActivite, decimal> HeuresDefaut { get; private set; } = [];
    public string? Message { get; private set; }
    public List<string> Erreurs { get; private set; } = [];

    private string Structure => User.StructureCode()!;
    private CejStore Store => new(db, ReglesDispositifs.Publiees);
    private Acteur Par => new(User.UserId(), User.Login());

    public async Task<IActionResult> OnGetAsync(string? message)
    {
        if (!ReadMonth()) return BadRequest();
        Message = message;
        await LoadAsync();
        return Page();
    }

    /// <summary>The monthly request file (CSV) of the month: marks its lines « demandée ».</summary>
    public async Task<IActionResult> OnGetDemandeAsync()
    {
        if (!ReadMonth()) return BadRequest();
        var rows = await Store.DemanderAsync(Structure, Mois, Par);
        var text = FichiersAsp.EcrireDemande(rows.Select(r => new DemandeAsp(
            r.Allocation.StructureCode, r.Allocation.JeuneId, r.Jeune.Nom ?? "", r.Jeune.Prenom ?? "", r.Jeune.Naissance, r.Allocation.Mois,
            // A month loaded from allocations.csv has no tax household: its situation is unknown (empty cell).
            Enum.TryParse<FoyerFiscal>(r.Allocation.Situation, out var foyer)
                ? Allocation.Situation(r.Allocation.Mois, r.Jeune.Naissance, foyer).ToString() : "",
            r.Allocation.MontantCentimes / 100m, r.Allocation.ValideeDirecteurLe ?? r.Allocation.ValideeConseillerLe, r.Allocation.ValideeDirecteurPar ?? "")));
        return File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", $"demande-asp-{Structure}-{Mois:yyyy-MM}.csv");
    }

    public async Task<IActionResult> OnPostValiderAsync(long[] ids)
    {
        if (!ReadMonth()) return BadRequest();
        if (ids.Length == 0) return await Again("Cochez au moins une allocation à valider.");
        try
        {
            var n = await Store.ValiderDirecteurAsync(Structure, ids, Par);
            return Retour($"{n} allocation(s) validée(s) : elles sont figées.");
        }
        catch (AllocationRefuseeException e)
        {
            return await Again(e.Message);
        }
    }

    public async Task<IActionResult> OnPostRetourAsync(IFormFile? fichier)
    {
        if (!ReadMonth()) return BadRequest();
        if (fichier is null || fichier.Length == 0) return await Again("Choisissez le fichier de retour de l'ASP (CSV).");
        string text;
        using (var reader = new StreamReader(fichier.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync();
            }
            catch (DecoderFallbackException)
            {
                return await Again($"{fichier.FileName}:1: fichier: le texte n'est pas en UTF-8");
            }
        }
        var name = Path.GetFileName(fichier.FileName);
        var (lignes, erreurs) = FichiersAsp.LireRetour(name, text);
        if (erreurs.Count == 0)
        {
            var autre = lignes.FirstOrDefault(l => l.Structure != Structure);
            if (autre is not null) erreurs.Add($"{name}:{autre.Ligne}: structure: « {autre.Structure} » n'est pas votre structure ({Structure})");
        }
        if (erreurs.Count == 0)
            erreurs = await Store.AppliquerRetoursAsync(Structure, name, [.. lignes.Select(l => new RetourAllocation(l.Ligne, l.Jeune, l.Mois, l.Payee, l.Motif))], Par);
        if (erreurs.Count > 0)
        {
            Erreurs = erreurs;
            await LoadAsync();
            return Page();
        }
        return Retour($"Retour de l'ASP importé : {lignes.Count(l => l.Payee)} payée(s), {lignes.Count(l => !l.Payee)} rejetée(s).");
    }

    public async Task<IActionResult> OnPostHeuresAsync(Dictionary<string, string> heures)
    {
        if (!ReadMonth()) return BadRequest();
        var rows = await db.CejHeuresDefaut.Where(h => h.StructureCode == Structure).ToListAsync();
        var changes = new List<string>();
        foreach (var c in Enum.GetValues<CategorieActivite>())
        {
            var texte = heures.GetValueOrDefault(c.ToString())?.Trim();
            var row = rows.FirstOrDefault(r => r.Categorie == c);
            if (string.IsNullOrEmpty(texte))
            {
                if (row is not null) { db.CejHeuresDefaut.Remove(row); changes.Add($"{CejLibelles.Of(c)} : aucune"); }
                continue;
            }
            if (!decimal.TryParse(texte.Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var v) || v > 40m)
                return await Again($"{CejLibelles.Of(c)} : saisissez un nombre d'heures, par exemple 2 ou 1,5 (au plus 40).");
            if (row is null) db.CejHeuresDefaut.Add(row = new CejHeuresDefautEntity { StructureCode = Structure, Categorie = c });
            else if (row.Heures == v) continue;
            row.Heures = v;
            changes.Add($"{CejLibelles.Of(c)} : {v:0.##} h");
        }
        if (changes.Count > 0)
            Infrastructure.Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "cej-heures-défaut", Structure, null, "heures par défaut : " + string.Join(", ", changes));
        await db.SaveChangesAsync();
        return Retour("Heures par défaut enregistrées.");
    }

    private bool ReadMonth()
    {
        if (string.IsNullOrEmpty(MoisTexte))
        {
            Mois = Allocation.MoisDe(Dates.TodayInParis(clock)).AddMonths(-1);
            return true;
        }
        if (!DateOnly.TryParseExact(MoisTexte + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var m)) return false;
        Mois = m;
        return true;
    }

    private RedirectResult Retour(string message) => Redirect($"/Cej/Allocations?mois={Mois:yyyy-MM}&message={Uri.EscapeDataString(message)}");

    private async Task<IActionResult> Again(string erreur)
    {
        Erreurs = [erreur];
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Lignes = (await (from a in db.CejAllocations.AsNoTracking()
                         join j in db.Jeunes.AsNoTracking() on new { a.StructureCode, a.JeuneId } equals new { j.StructureCode, j.JeuneId }
                         where a.StructureCode == Structure && a.Mois == Mois
                         orderby j.Nom, j.Prenom
                         select new { a, j.Nom, j.Prenom }).ToListAsync())
            .Select(x => new Ligne(x.a, $"{x.Prenom} {x.Nom?.ToUpper(Infrastructure.Libelles.Fr)}")).ToList();
        HeuresDefaut = await db.CejHeuresDefaut.AsNoTracking().Where(h => h.StructureCode == Structure).ToDictionaryAsync(h => h.Categorie, h => h.Heures);
        Infrastructure.Audit.Add(db, User, Storage.Entities.AuditAction.Lecture, CejStore.EntiteAllocation, Structure, null, $"allocations de {Mois:MM/yyyy}");
        await db.SaveChangesAsync();
    }
}
