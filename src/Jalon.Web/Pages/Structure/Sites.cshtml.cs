using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The structure's sites (siège, antenne, permanence; espace ressources or not): list with their checks
/// (<see cref="Sites.Check"/>) and the staff present (staff register), and the form to add or change one.
/// </summary>
public sealed partial class SitesModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    public sealed class SiteInput
    {
        public string? Id { get; set; }
        public TypeSite Type { get; set; } = TypeSite.Antenne;
        public string? Nom { get; set; }
        public string? Commune { get; set; }
        public string? Adresse { get; set; }
        public string? CodePostal { get; set; }
        public string? Horaires { get; set; }
        public bool EspaceRessources { get; set; }
        public DateOnly? Debut { get; set; }
        public DateOnly? Fin { get; set; }
    }

    /// <summary>The site being changed (query <c>site</c>), null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "site")] public string? SiteChoisi { get; set; }

    [BindProperty] public SiteInput Input { get; set; } = new();

    public IReadOnlyList<Site> Liste { get; private set; } = [];
    public IReadOnlyList<(string? Site, string Message)> Problemes { get; private set; } = [];

    /// <summary>The names of the people of the register present at each site today (director and administrator only).</summary>
    public Dictionary<string, List<string>> Presents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public) is { } refus) return refus;
        await ChargerAsync();
        if (SiteChoisi is not null && Liste.FirstOrDefault(s => s.Id == SiteChoisi) is { Id: not null } s)
        {
            Input = new SiteInput
            {
                Id = s.Id, Type = s.Type, Nom = s.Nom, Commune = s.Commune, Adresse = s.Adresse, CodePostal = s.CodePostal, Horaires = s.Horaires,
                EspaceRessources = s.EspaceRessources, Debut = s.Debut, Fin = s.Fin,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        var i = Input;
        var id = i.Id?.Trim() ?? "";
        if (!IdSite().IsMatch(id)) ModelState.AddModelError("Input.Id", "L'identifiant du site est obligatoire : lettres, chiffres, tirets (ex. SIEGE, ANT-ST-VALLIER), 40 caractères au plus.");
        if (string.IsNullOrWhiteSpace(i.Nom)) ModelState.AddModelError("Input.Nom", "Le nom du site est obligatoire (ex. Antenne de Saint-Vallier).");
        var commune = i.Commune?.Trim() ?? "";
        if (!Communes.Exists(commune)) ModelState.AddModelError("Input.Commune", $"Le code INSEE « {commune} » ne correspond à aucune commune (ex. 26281 pour Romans-sur-Isère).");
        if (i.CodePostal is { Length: > 0 } cp && !Regex.IsMatch(cp.Trim(), "^[0-9]{5}$")) ModelState.AddModelError("Input.CodePostal", "Le code postal doit compter 5 chiffres (ex. 26240).");
        if (i.Debut is { } debut && i.Fin is { } fin && fin < debut) ModelState.AddModelError("Input.Fin", "La date de fermeture précède la date d'ouverture.");
        if (!ModelState.IsValid)
        {
            await ChargerAsync();
            return Page();
        }
        await Repo.EnregistrerSiteAsync(Structure!, new Site(0, id, i.Type, i.Nom!.Trim(), commune, Clean(i.Adresse), Clean(i.CodePostal), Clean(i.Horaires),
            i.EspaceRessources, i.Debut, i.Fin), UserId, Login);
        var problemes = Sites.Check(await Repo.SitesAsync(Structure!), await Repo.TerritoireAsync(Structure!));
        TempData["Succes"] = $"Site « {i.Nom!.Trim()} » enregistré.";
        if (problemes.Count > 0) TempData["Avertissement"] = string.Join("\n", problemes.Select(p => p.Message));
        return Redirect("/Structure/Sites" + Q);
    }

    private async Task ChargerAsync()
    {
        Liste = await Repo.SitesAsync(Structure!);
        Problemes = Sites.Check(Liste, await Repo.TerritoireAsync(Structure!));
        if (Voit(VoletStructure.Registre))
        {
            var today = Dates.TodayInParis(clock);
            Presents = (await Repo.PersonnelAsync(Structure!)).Select(p => p.Membre)
                .Where(m => m.Site is not null && m.Debut <= today && (m.Fin is null || today <= m.Fin))
                .GroupBy(m => m.Site!).ToDictionary(g => g.Key, g => g.Select(m => m.Nom).Order(StringComparer.Ordinal).ToList());
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Libelle(TypeSite t) => t switch
    {
        TypeSite.Siege => "Siège",
        TypeSite.Antenne => "Antenne",
        _ => "Permanence",
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")]
    private static partial Regex IdSite();
}
