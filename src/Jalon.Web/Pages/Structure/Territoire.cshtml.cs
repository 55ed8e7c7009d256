using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The territory as of a date: the communes covered (COG year, EPCI, département, population, computed), communes added
/// or removed by INSEE code, the director's declared figures beside the computed ones with every discrepancy, and the
/// communes also covered by another structure.
/// </summary>
public sealed class TerritoireModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    [BindProperty] public string? CodeCommune { get; set; }
    [BindProperty] public DateOnly? DateEffet { get; set; }

    public sealed class DeclarationInput
    {
        public DateOnly? Date { get; set; }
        public int? CogYear { get; set; }
        public int? Communes { get; set; }
        public int? Epcis { get; set; }

        /// <summary>One intercommunal body per line, optionally followed by « ; number of communes ».</summary>
        public string? EpcisListes { get; set; }
        public long? Population { get; set; }
        public long? Population1625 { get; set; }
        public string? TauxChomage { get; set; }
        public string? TauxChomage1625 { get; set; }
    }

    [BindProperty] public DeclarationInput Declaration { get; set; } = new();

    public TerritoireCalcule Calcule { get; private set; } = null!;
    public TerritoireDeclare? Declare { get; private set; }
    public IReadOnlyList<EcartTerritoire> Ecarts { get; private set; } = [];
    public IReadOnlyList<(string Commune, string AutreStructure, DateOnly Depuis)> Chevauchements { get; private set; } = [];
    public IReadOnlyList<TerritoireCommune> Periodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public) is { } refus) return refus;
        await ChargerAsync();
        Declaration = Declare is { } d
            ? new DeclarationInput
            {
                Date = d.Date, CogYear = d.CogYear, Communes = d.Communes, Epcis = d.Epcis, Population = d.Population, Population1625 = d.Population1625,
                TauxChomage = Saisie.Show(d.TauxChomage), TauxChomage1625 = Saisie.Show(d.TauxChomage1625),
                EpcisListes = string.Join("\n", d.EpcisListes.Select(e => e.Communes is { } n ? $"{e.Nom} ; {n}" : e.Nom)),
            }
            : new DeclarationInput { Date = Date, CogYear = InseeData.Instance.CogYear };
        return Page();
    }

    /// <summary>Adds a commune (INSEE code) from a date.</summary>
    public async Task<IActionResult> OnPostAjouterAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        var code = CodeCommune?.Trim() ?? "";
        var debut = DateEffet ?? Dates.TodayInParis(clock);
        var periodes = (await Repo.TerritoireAsync(Structure!)).ToList();
        if (code.Length == 0) ModelState.AddModelError(nameof(CodeCommune), "Indiquez le code INSEE de la commune (5 caractères, ex. 26281).");
        else if (InseeData.Instance.Current(code) is null)
            ModelState.AddModelError(nameof(CodeCommune), $"Le code INSEE « {code} » ne correspond à aucune commune du COG {InseeData.Instance.CogYear} (ex. 26281 pour Romans-sur-Isère).");
        else if (periodes.Any(p => p.Commune == code && p.Interval.IsActiveOn(debut)))
            ModelState.AddModelError(nameof(CodeCommune), $"La commune {code} ({Communes.Nom(code)}) est déjà couverte le {Libelles.Date(debut)}.");
        if (!ModelState.IsValid) return await PageAsync();
        // Up to the day before a later period of the same commune, if any: periods of a commune never overlap.
        var suivante = periodes.Where(p => p.Commune == code && p.Debut > debut).Select(p => (DateOnly?)p.Debut).Min();
        periodes.Add(new TerritoireCommune(0, code, debut, suivante?.AddDays(-1)));
        await Repo.EnregistrerTerritoireAsync(Structure!, periodes, UserId, Login);
        TempData["Succes"] = $"Commune {code} ({Communes.Nom(code)}) ajoutée au territoire à partir du {Libelles.Date(debut)}.";
        return Redirect($"/Structure/Territoire{Q}&date={Libelles.Iso(Date ?? debut)}");
    }

    /// <summary>Removes a commune from a date (it stays in the territory of the earlier dates).</summary>
    public async Task<IActionResult> OnPostRetirerAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        var code = CodeCommune?.Trim() ?? "";
        var fin = DateEffet ?? Dates.TodayInParis(clock);
        var periodes = (await Repo.TerritoireAsync(Structure!)).ToList();
        if (!periodes.Any(p => p.Commune == code && p.Interval.IsActiveOn(fin)))
        {
            ModelState.AddModelError(nameof(CodeCommune), $"La commune « {code} » n'est pas couverte le {Libelles.Date(fin)} : rien à retirer.");
            return await PageAsync();
        }
        var result = new List<TerritoireCommune>();
        foreach (var p in periodes)
        {
            if (p.Commune != code || !p.Interval.IsActiveOn(fin)) result.Add(p);
            else if (p.Debut < fin) result.Add(p with { Fin = fin.AddDays(-1) });
        }
        await Repo.EnregistrerTerritoireAsync(Structure!, result, UserId, Login);
        TempData["Succes"] = $"Commune {code} ({Communes.Nom(code)}) retirée du territoire à partir du {Libelles.Date(fin)}.";
        return Redirect($"/Structure/Territoire{Q}&date={Libelles.Iso(fin)}");
    }

    /// <summary>Records the figures the director declares (a new version dated <see cref="DeclarationInput.Date"/>).</summary>
    public async Task<IActionResult> OnPostDeclarerAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        var d = Declaration;
        if (d.Date is null) ModelState.AddModelError("Declaration.Date", "Indiquez la date de la déclaration.");
        if (!Saisie.TryDecimal(d.TauxChomage, out var taux)) ModelState.AddModelError("Declaration.TauxChomage", "Le taux de chômage doit être un nombre (ex. 9,5).");
        if (!Saisie.TryDecimal(d.TauxChomage1625, out var taux1625)) ModelState.AddModelError("Declaration.TauxChomage1625", "Le taux de chômage des 16-25 ans doit être un nombre (ex. 21,3).");
        var epcis = new List<EpciDeclare>();
        foreach (var line in (d.EpcisListes ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var parts = line.Split(';', 2);
            int? n = null;
            if (parts.Length == 2)
            {
                if (int.TryParse(parts[1].Trim(), out var v) && v >= 0) n = v;
                else ModelState.AddModelError("Declaration.EpcisListes", $"« {line} » : après le point-virgule, le nombre de communes (ex. Moulins Communauté ; 44).");
            }
            epcis.Add(new EpciDeclare(parts[0].Trim(), n));
        }
        if (!ModelState.IsValid) return await PageAsync();
        await Repo.EnregistrerDeclarationAsync(Structure!, new TerritoireDeclare
        {
            Date = d.Date!.Value, CogYear = d.CogYear, Communes = d.Communes, Epcis = d.Epcis, EpcisListes = epcis, Population = d.Population,
            Population1625 = d.Population1625, TauxChomage = taux, TauxChomage1625 = taux1625,
        }, UserId, Login);
        TempData["Succes"] = $"Chiffres déclarés au {Libelles.Date(d.Date!.Value)} enregistrés.";
        return Redirect($"/Structure/Territoire{Q}&date={Libelles.Iso(Date ?? d.Date!.Value)}");
    }

    private async Task<IActionResult> PageAsync()
    {
        await ChargerAsync();
        return Page();
    }

    private async Task ChargerAsync()
    {
        Date ??= Dates.TodayInParis(clock);
        Periodes = await Repo.TerritoireAsync(Structure!);
        Calcule = TerritoireCalcule.Of(Periodes, Date.Value, InseeData.Instance);
        Declare = await Repo.DeclarationAsync(Structure!, Date.Value);
        Ecarts = Declare is null ? [] : Territoires.Ecarts(Declare, Calcule);
        Chevauchements = await Repo.ChevauchementsAsync(Structure!);
    }

    public static string Nombre(long? n) => n is { } v ? v.ToString("N0", Libelles.Fr).Replace('\u202F', ' ').Replace('\u00A0', ' ') : "—";

    public static string EpciNom(string code) => InseeData.Instance.EpcisByCode.TryGetValue(code, out var e) ? e.Nom : code;

    public static string DepartementNom(string code) => InseeData.Instance.DepartementsByCode.TryGetValue(code, out var d) ? $"{d.Nom} ({code})" : code;
}
