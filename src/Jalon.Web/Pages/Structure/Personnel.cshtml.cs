using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The staff register (person, job, FTE, site, login account): it pre-fills the staff table (BRH) and tells who is
/// present at each site. Names of persons: the structure's director and the administrator only.
/// </summary>
public sealed class PersonnelModel(JalonDbContext db) : StructurePageModel(db)
{
    public sealed class MembreInput
    {
        public string? Nom { get; set; }
        public Sexe Sexe { get; set; }
        public StatutPersonnel Statut { get; set; }
        public ContratPersonnel Contrat { get; set; }
        public bool TempsPlein { get; set; } = true;
        public string? Etp { get; set; } = "1";
        public Metier Metier { get; set; } = Metier.Conseiller;
        public DateOnly? Debut { get; set; }
        public DateOnly? Fin { get; set; }
        public bool ContratAide { get; set; }
        public CorpsOrigine? Origine { get; set; }
        public string? Site { get; set; }
        public int? UserId { get; set; }
    }

    /// <summary>The person being changed (query <c>id</c>), null for a new one.</summary>
    [BindProperty(SupportsGet = true, Name = "id")] public long? Id { get; set; }

    [BindProperty] public MembreInput Input { get; set; } = new();

    public IReadOnlyList<(long Id, MembrePersonnel Membre)> Registre { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> SitesListe { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> Comptes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Registre) is { } refus) return refus;
        await ChargerAsync();
        if (Id is { } id && Registre.FirstOrDefault(r => r.Id == id) is { Membre: { } m })
        {
            Input = new MembreInput
            {
                Nom = m.Nom, Sexe = m.Sexe, Statut = m.Statut, Contrat = m.Contrat, TempsPlein = m.TempsPlein, Etp = Saisie.Show(m.Etp), Metier = m.Metier,
                Debut = m.Debut, Fin = m.Fin, ContratAide = m.ContratAide, Origine = m.Origine, Site = m.Site, UserId = m.UserId,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Registre, ecriture: true) is { } refus) return refus;
        await ChargerAsync();
        var i = Input;
        if (string.IsNullOrWhiteSpace(i.Nom)) ModelState.AddModelError("Input.Nom", "Le nom de la personne est obligatoire.");
        if (!Saisie.TryDecimal(i.Etp, out var etp) || etp is not (> 0 and <= 1))
            ModelState.AddModelError("Input.Etp", "L'ETP doit être un nombre supérieur à 0 et au plus 1 (ex. 0,8).");
        if (i.Debut is null) ModelState.AddModelError("Input.Debut", "Indiquez la date d'arrivée dans la structure.");
        if (i.Debut is { } d && i.Fin is { } f && f < d) ModelState.AddModelError("Input.Fin", "La date de départ précède la date d'arrivée.");
        if (i.Statut == StatutPersonnel.MisADisposition && i.Origine is null)
            ModelState.AddModelError("Input.Origine", "Indiquez le corps d'origine d'une personne mise à disposition.");
        if (i.Site is { Length: > 0 } s && !SitesListe.Any(x => x.Value == s)) ModelState.AddModelError("Input.Site", "Choisissez un site de la structure.");
        if (i.UserId is { } u && !Comptes.Any(c => c.Value == u.ToString(Libelles.Fr))) ModelState.AddModelError("Input.UserId", "Choisissez un compte de la structure.");
        if (!ModelState.IsValid) return Page();
        if (Id is { } existing && Registre.All(r => r.Id != existing)) return NotFound();
        var membre = new MembrePersonnel("", i.Nom!.Trim(), i.Sexe, i.Statut, i.Contrat, i.TempsPlein, etp!.Value, i.Metier, i.Debut!.Value, i.Fin,
            i.Statut == StatutPersonnel.Salarie && i.ContratAide, i.Statut == StatutPersonnel.MisADisposition ? i.Origine : null,
            string.IsNullOrEmpty(i.Site) ? null : i.Site, i.UserId);
        await Repo.EnregistrerMembreAsync(Structure!, Id, membre, UserId, Login);
        TempData["Succes"] = $"{membre.Nom} enregistré(e) dans le registre du personnel.";
        return Redirect("/Structure/Personnel" + Q);
    }

    private async Task ChargerAsync()
    {
        Registre = await Repo.PersonnelAsync(Structure!);
        SitesListe = (await Repo.SitesAsync(Structure!)).Select(s => (s.Id, s.Nom)).ToList();
        Comptes = (await Db.Users.AsNoTracking().Where(u => u.StructureCode == Structure).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Login }).ToListAsync())
            .Select(u => (u.Id.ToString(Libelles.Fr), $"{u.DisplayName} ({u.Login})")).ToList();
    }

    public static string Libelle(Metier m) => m switch
    {
        Metier.Accueil => "Chargé(e) d'accueil",
        Metier.Conseiller => "Conseiller(ère)",
        Metier.ChargeProjets => "Chargé(e) de projets",
        Metier.InsertionAutre => "Autre métier de l'insertion",
        Metier.Communication => "Information, communication",
        Metier.Gestion => "Gestion",
        Metier.Encadrement => "Encadrement",
        _ => "Autre",
    };

    public static string Libelle(CorpsOrigine c) => c switch
    {
        CorpsOrigine.FranceTravail => "France Travail",
        CorpsOrigine.Collectivite => "Collectivité territoriale",
        CorpsOrigine.Administration => "Administration de l'État",
        CorpsOrigine.Greta => "GRETA",
        _ => "Autre",
    };
}
