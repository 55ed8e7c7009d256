using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Exchange.Reading;
using Jalon.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The context figures of the territory for a year (seed 003 annexe 1's seven categories), each with its zone, source and
/// date: edited by the director, read by everyone who reads the structure, shown in step 1 of the dialogue de gestion.
/// </summary>
public sealed class ContexteModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    /// <summary>Empty rows offered below the existing ones.</summary>
    public const int LignesVides = 5;

    public sealed class LigneInput
    {
        public CategorieContexte Categorie { get; set; }
        public string? Indicateur { get; set; }
        public string? Zone { get; set; }
        public string? Valeur { get; set; }
        public string? Unite { get; set; }
        public string? Source { get; set; }
        public DateOnly? Date { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    [BindProperty] public List<LigneInput> Lignes { get; set; } = [];

    public IReadOnlyList<int> Annees { get; private set; } = [];
    public IReadOnlyList<ContexteLigne> Enregistrees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public) is { } refus) return refus;
        await ChargerAsync();
        Lignes = Enregistrees.Select(c => new LigneInput
        {
            Categorie = c.Categorie, Indicateur = c.Indicateur, Zone = c.Zone, Valeur = Saisie.Show(c.Valeur), Unite = c.Unite, Source = c.Source, Date = c.Date,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        if (Annee is not (>= 2000 and <= 2100)) return BadRequest();
        var lignes = new List<ContexteLigne>();
        for (var i = 0; i < Lignes.Count; i++)
        {
            var l = Lignes[i];
            if (string.IsNullOrWhiteSpace(l.Indicateur) && string.IsNullOrWhiteSpace(l.Valeur)) continue;
            var n = i + 1;
            var zone = string.IsNullOrWhiteSpace(l.Zone) ? ContexteZones.Territoire : l.Zone.Trim().ToUpperInvariant();
            if (string.IsNullOrWhiteSpace(l.Indicateur)) ModelState.AddModelError($"Lignes[{i}].Indicateur", $"Ligne {n} : indiquez l'indicateur (ex. Taux de chômage).");
            if (!ContexteZones.IsValid(zone))
                ModelState.AddModelError($"Lignes[{i}].Zone", $"Ligne {n} : zone « {zone} » inconnue (TERRITOIRE, FRANCE, REG-84, DEP-26, EPCI- suivi du SIREN, COM- suivi du code INSEE).");
            if (!Saisie.TryDecimal(l.Valeur, out var valeur) || valeur is null)
                ModelState.AddModelError($"Lignes[{i}].Valeur", $"Ligne {n} : la valeur doit être un nombre (ex. 9,5).");
            else if (ModelState.IsValid)
                lignes.Add(new ContexteLigne(0, Annee.Value, l.Categorie, l.Indicateur!.Trim(), zone, valeur.Value, Clean(l.Unite), Clean(l.Source), l.Date));
        }
        if (!ModelState.IsValid)
        {
            await ChargerAsync();
            return Page();
        }
        await Repo.EnregistrerContexteAsync(Structure!, Annee.Value, lignes, UserId, Login);
        TempData["Succes"] = $"Contexte {Annee} enregistré ({lignes.Count} élément(s)).";
        return Redirect($"/Structure/Contexte{Q}&annee={Annee}");
    }

    private async Task ChargerAsync()
    {
        Annees = await Repo.AnneesContexteAsync(Structure!);
        Annee ??= Annees.Count > 0 ? Annees[0] : Dates.TodayInParis(clock).Year - 1;
        Enregistrees = await Repo.ContexteAsync(Structure!, Annee.Value);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Libelle(CategorieContexte c) => c switch
    {
        CategorieContexte.Population => "Population",
        CategorieContexte.Jeunes1625 => "Jeunes de 16 à 25 ans",
        CategorieContexte.Social => "Situation sociale",
        CategorieContexte.Amenagement => "Aménagement du territoire",
        CategorieContexte.Formation => "Formation",
        CategorieContexte.Emploi => "Emploi et chômage",
        _ => "Appareil productif",
    };
}
