using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;
using Jalon.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The staff table (BRH, « Moyens humains au 31/12 ») of a year in the layout of seed 000: the B, C, A code tree with
/// women / men / total, headings without inputs, « dont » rows indented. Pre-filled on request from the staff register;
/// saved even with roll-up inconsistencies, each shown next to the row it is reported on (never blocking). Figures
/// accept a decimal comma.
/// </summary>
public sealed class BrhModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }

    /// <summary>Show the table pre-filled from the staff register (not saved until the director saves it).</summary>
    [BindProperty(SupportsGet = true)] public bool Prerempli { get; set; }

    public IReadOnlyList<int> Annees { get; private set; } = [];

    /// <summary>What each input shows, by code: (femmes, hommes, total) as typed or saved.</summary>
    public Dictionary<string, (string F, string H, string T)> Valeurs { get; private set; } = [];

    public ILookup<string, BrhEcart> Ecarts { get; private set; } = Array.Empty<BrhEcart>().ToLookup(e => e.Code);
    public int NombreEcarts { get; private set; }
    public bool Existe { get; private set; }
    public MoyensEffectifs? Moyens { get; private set; }

    /// <summary>Input errors (not a number, negative) by code: the table is then not saved.</summary>
    public Dictionary<string, string> Erreurs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Moyens) is { } refus) return refus;
        await ChargerAsync();
        var lignes = Prerempli && Modifiable ? await Repo.BrhPreRempliAsync(Structure!, Annee!.Value) : await Repo.BrhAsync(Structure!, Annee!.Value);
        Afficher(lignes);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Moyens, ecriture: true) is { } refus) return refus;
        if (Annee is not (>= 2000 and <= 2100)) return BadRequest();
        var lignes = new List<BrhLigne>();
        foreach (var code in BrhCodes.All.Where(c => !c.IsTitre))
        {
            var raw = (F: Request.Form["f-" + code.Code].ToString(), H: Request.Form["h-" + code.Code].ToString(), T: Request.Form["t-" + code.Code].ToString());
            Valeurs[code.Code] = raw;
            decimal? f = null, h = null, t = null;
            var ok = Saisie.TryDecimal(raw.F, out f) & Saisie.TryDecimal(raw.H, out h) & Saisie.TryDecimal(raw.T, out t);
            if (!ok) Erreurs[code.Code] = $"{code.Code} : saisissez des nombres (virgule ou point pour les décimales, ex. 20,81).";
            else if (f < 0 || h < 0 || t < 0) Erreurs[code.Code] = $"{code.Code} : un effectif ne peut pas être négatif.";
            else if (f is not null || h is not null || t is not null) lignes.Add(new BrhLigne(0, Annee.Value, code.Code, f, h, t));
        }
        if (Erreurs.Count > 0)
        {
            await ChargerAsync();
            return Page();
        }
        var ecarts = await Repo.EnregistrerBrhAsync(Structure!, Annee.Value, lignes, UserId, Login);
        TempData["Succes"] = $"Moyens humains au 31/12/{Annee} enregistrés ({lignes.Count} lignes).";
        if (ecarts.Count > 0)
            TempData["Avertissement"] = $"{ecarts.Count} incohérence(s) dans le tableau, signalée(s) sur leur ligne : le tableau est enregistré tel quel.";
        return Redirect($"/Structure/Brh{Q}&annee={Annee}");
    }

    private void Afficher(IReadOnlyList<BrhLigne> lignes)
    {
        Existe = lignes.Count > 0;
        foreach (var l in lignes) Valeurs[l.Code] = (Saisie.Show(l.Femmes), Saisie.Show(l.Hommes), Saisie.Show(l.Total));
        var ecarts = Brh.Check(lignes);
        NombreEcarts = ecarts.Count;
        Ecarts = ecarts.ToLookup(e => e.Code);
    }

    private async Task ChargerAsync()
    {
        Annees = await Repo.AnneesBrhAsync(Structure!);
        Annee ??= Annees.Count > 0 ? Annees[0] : Dates.TodayInParis(clock).Year - 1;
        Moyens = await Repo.MoyensEffectifsAsync(Structure!, Annee.Value);
    }

    /// <summary>Depth of a code in the tree (B = 0, B1 = 1, B11 = 2…): the indentation of its label.</summary>
    public static int Profondeur(BrhCode code)
    {
        var depth = 0;
        for (var p = code.Parent; p is not null; p = BrhCodes.Find(p)?.Parent) depth++;
        return depth;
    }
}
