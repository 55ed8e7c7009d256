using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The structure's profile (« fiche structure »): legal identity, address with its CEDEX form, phones, governance. Each
/// save is a new version valid from a date (the history is kept and shown; « à la date du » shows the version in force).
/// Edited by the director and the administrator; read by the staff and the State / ARML / Région of its scope.
/// </summary>
public sealed class ProfilModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    public const int LignesTelephones = 3;
    public const int LignesColleges = 5;

    public sealed class TelephoneInput
    {
        public string? Libelle { get; set; }
        public string? Numero { get; set; }
    }

    public sealed class CollegeInput
    {
        public string? Nom { get; set; }
        public NatureCollege Nature { get; set; }
        public int? Sieges { get; set; }
    }

    public sealed class ProfilInput
    {
        public DateOnly? ValableDu { get; set; }
        public string? RaisonSociale { get; set; }
        public TypeStructure Type { get; set; }
        public string? Siret { get; set; }
        public string? Adresse { get; set; }
        public string? BoitePostale { get; set; }
        public string? CodePostal { get; set; }
        public string? Commune { get; set; }
        public string? Ville { get; set; }
        public string? CodeCedex { get; set; }
        public List<TelephoneInput> Telephones { get; set; } = [];
        public string? Email { get; set; }
        public string? SiteWeb { get; set; }
        public string? President { get; set; }
        public string? Directeur { get; set; }
        public List<CollegeInput> Colleges { get; set; } = [];
        public DateOnly? DateCreation { get; set; }

        public ProfilStructure ToProfil() => new()
        {
            RaisonSociale = RaisonSociale?.Trim() ?? "", Type = Type, Siret = Clean(Siret)?.Replace(" ", "", StringComparison.Ordinal),
            Adresse = Clean(Adresse), BoitePostale = Clean(BoitePostale), CodePostal = Clean(CodePostal), Commune = Clean(Commune), Ville = Clean(Ville),
            CodeCedex = Clean(CodeCedex),
            Telephones = Telephones.Where(t => !string.IsNullOrWhiteSpace(t.Numero)).Select(t => new Telephone(t.Libelle?.Trim() ?? "", t.Numero!.Trim())).ToList(),
            Email = Clean(Email), SiteWeb = Clean(SiteWeb), President = Clean(President), Directeur = Clean(Directeur),
            Colleges = Colleges.Where(c => !string.IsNullOrWhiteSpace(c.Nom)).Select(c => new College(c.Nom!.Trim(), c.Nature, c.Sieges)).ToList(),
            DateCreation = DateCreation,
        };

        public static ProfilInput From(ProfilStructure p, DateOnly valableDu) => new()
        {
            ValableDu = valableDu, RaisonSociale = p.RaisonSociale, Type = p.Type, Siret = p.Siret, Adresse = p.Adresse, BoitePostale = p.BoitePostale,
            CodePostal = p.CodePostal, Commune = p.Commune, Ville = p.Ville, CodeCedex = p.CodeCedex,
            Telephones = p.Telephones.Select(t => new TelephoneInput { Libelle = t.Libelle, Numero = t.Numero }).ToList(),
            Email = p.Email, SiteWeb = p.SiteWeb, President = p.President, Directeur = p.Directeur,
            Colleges = p.Colleges.Select(c => new CollegeInput { Nom = c.Nom, Nature = c.Nature, Sieges = c.Sieges }).ToList(),
            DateCreation = p.DateCreation,
        };

        private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    [BindProperty] public ProfilInput Input { get; set; } = new();

    /// <summary>« à la date du »: the version in force that day (default: today).</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    public IReadOnlyList<ProfilVersion> Historique { get; private set; } = [];
    public ProfilVersion? EnVigueur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public) is { } refus) return refus;
        await ChargerAsync();
        Input = EnVigueur is { } v ? ProfilInput.From(v.Profil, Dates.TodayInParis(clock)) : new ProfilInput { RaisonSociale = Nom, ValableDu = Dates.TodayInParis(clock) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Public, ecriture: true) is { } refus) return refus;
        if (Input.ValableDu is null) ModelState.AddModelError("Input.ValableDu", "Indiquez la date à partir de laquelle cette version est valable.");
        var problemes = ModelState.IsValid
            ? await Repo.EnregistrerProfilAsync(Structure!, Input.ValableDu!.Value, Input.ToProfil(), UserId, Login)
            : [];
        foreach (var (champ, message) in problemes) ModelState.AddModelError("Input." + champ, message);
        if (!ModelState.IsValid)
        {
            await ChargerAsync();
            return Page();
        }
        TempData["Succes"] = $"Fiche structure enregistrée, valable à partir du {Libelles.Date(Input.ValableDu!.Value)}.";
        return Redirect("/Structure/Profil" + Q);
    }

    private async Task ChargerAsync()
    {
        Historique = await Repo.ProfilHistoriqueAsync(Structure!);
        Date ??= Dates.TodayInParis(clock);
        EnVigueur = ProfilHistorique.AsOf(Historique, Date.Value);
    }

    public static string Libelle(TypeStructure t) => t == TypeStructure.Paio ? "PAIO" : "Mission Locale";

    public static string Libelle(NatureCollege n) => n == NatureCollege.Consultatif ? "consultatif" : "délibératif";
}
