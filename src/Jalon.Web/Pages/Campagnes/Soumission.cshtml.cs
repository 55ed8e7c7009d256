using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Storage.Campagnes;
using Jalon.Storage.Pilotage;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Campagnes;

/// <summary>An indicator as this user may see it: the value written in its unit, or « s » (statistical secrecy).</summary>
public sealed record IndicateurAffiche(string Cle, string Libelle, string Valeur);

/// <summary>
/// A Mission Locale's submission to a campaign: what is due and by when, the free fields, the checks, submitting (the
/// director); the frozen versions and their difference with live data; sending back for correction (the region's State
/// agent). Counts of young people reach the aggregate-only roles through the disclosure-control step only.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class SoumissionModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public Campagne Campagne { get; private set; } = null!;
    public Soumission Soumission { get; private set; } = null!;
    public int VersionLue { get; private set; }
    public string Structure { get; private set; } = "";
    public string NomStructure { get; private set; } = "";
    public bool EstDirecteur { get; private set; }
    public bool PeutRenvoyer { get; private set; }
    public bool EnRetard { get; private set; }
    public ContenuCampagne Actuel { get; private set; } = null!;
    public IReadOnlyList<AnomalieCampagne> Anomalies { get; private set; } = [];
    public IReadOnlyList<IndicateurAffiche> IndicateursActuels { get; private set; } = [];
    public IReadOnlyList<VersionFigee> Versions { get; private set; } = [];
    public VersionFigee? VersionVue { get; private set; }
    public IReadOnlyList<IndicateurAffiche> IndicateursVersion { get; private set; } = [];
    public IReadOnlyList<AnomalieCampagne> AnomaliesVersion { get; private set; } = [];
    public IReadOnlyList<DifferenceCampagne> Differences { get; private set; } = [];
    public Dictionary<string, string> Saisie { get; } = new(StringComparer.Ordinal);
    public List<(string Champ, string Message)> Problemes { get; } = [];
    public string? Erreur { get; private set; }
    public bool Secret { get; private set; }

    private HashSet<string> _masques = [];
    private Catalogue _catalogue = null!;

    public async Task<IActionResult> OnGetAsync(Guid campagne, string structure, int? version) =>
        await ChargerAsync(campagne, structure, version) ?? Page();

    public Task<IActionResult> OnPostEnregistrerAsync(Guid campagne, string structure, int versionLue) =>
        AgirDirecteurAsync(campagne, structure, versionLue, soumettre: false);

    public Task<IActionResult> OnPostSoumettreAsync(Guid campagne, string structure, int versionLue) =>
        AgirDirecteurAsync(campagne, structure, versionLue, soumettre: true);

    public async Task<IActionResult> OnPostRenvoyerAsync(Guid campagne, string structure, int versionLue, string? commentaire)
    {
        if (await ChargerAsync(campagne, structure, null) is { } refus) return refus;
        if (!PeutRenvoyer) return Forbid();
        try
        {
            Soumission.Renvoyer(User.Acteur(), Campagne, commentaire, clock.GetUtcNow());
            await new CampagneRepository(db).EnregistrerAsync(Campagne, Soumission, versionLue, null, User.Acteur().Nom, User.UserId(), User.Login());
            TempData["Succes"] = "Soumission renvoyée pour correction.";
            return Redirect(Adresse(campagne, structure));
        }
        catch (CampagneException e)
        {
            Erreur = e.Message;
        }
        catch (ModificationConcurrenteException e)
        {
            Erreur = CampagneModel.Conflit("La soumission", e);
        }
        Saisie["commentaire_renvoi"] = commentaire ?? "";
        db.ChangeTracker.Clear();
        return await ChargerAsync(campagne, structure, null) ?? Page();
    }

    private async Task<IActionResult> AgirDirecteurAsync(Guid campagne, string structure, int versionLue, bool soumettre)
    {
        if (await ChargerAsync(campagne, structure, null) is { } refus) return refus;
        if (!EstDirecteur) return Forbid();
        var saisie = ReferentielCampagnes.Champs(Campagne.Type).ToDictionary(c => c.Cle, c => (string?)Request.Form[c.Cle].ToString());
        var acteur = User.Acteur();
        var now = clock.GetUtcNow();
        try
        {
            var problemes = Soumission.Enregistrer(acteur, Campagne, saisie, now);
            if (problemes.Count == 0)
            {
                var repo = new CampagneRepository(db);
                VersionFigee? figee = null;
                if (soumettre)
                {
                    var contenu = await repo.ContenuActuelAsync(Campagne, Structure, _catalogue, Soumission.Champs);
                    figee = Soumission.Soumettre(acteur, Campagne, contenu, now);
                }
                await repo.EnregistrerAsync(Campagne, Soumission, versionLue, figee, acteur.Nom, User.UserId(), User.Login());
                TempData["Succes"] = figee is null ? "Saisie enregistrée." : $"Campagne soumise : version {figee.Numero} figée.";
                return Redirect(Adresse(campagne, structure));
            }
            Problemes.AddRange(problemes);
        }
        catch (CampagneException e)
        {
            Erreur = e.Message;
        }
        catch (ModificationConcurrenteException e)
        {
            Erreur = CampagneModel.Conflit("La soumission", e);
        }
        // Nothing was written: the page again, on the submission as it is now, with what the user typed.
        db.ChangeTracker.Clear();
        if (await ChargerAsync(campagne, structure, null) is { } again) return again;
        foreach (var (k, v) in saisie) Saisie[k] = v ?? "";
        return Page();
    }

    private static string Adresse(Guid campagne, string structure) => $"/Campagnes/Soumission?campagne={campagne}&structure={Uri.EscapeDataString(structure)}";

    /// <summary>The value typed (after a refused save) or stored of a free field.</summary>
    public string Valeur(ChampCampagne champ)
    {
        if (Saisie.TryGetValue(champ.Cle, out var tape)) return tape;
        if (!Soumission.Champs.TryGetValue(champ.Cle, out var v)) return "";
        return champ.Nature switch
        {
            NatureChamp.Date => Soumission.LireDate(v) is { } d ? Libelles.Date(d) : v,
            NatureChamp.Montant => Soumission.LireMontant(v) is { } m ? Jalon.Domain.Structures.Budgets.Euros(m).Replace(" €", "") : v,
            _ => v,
        };
    }

    /// <summary>A free field of a frozen or live content, as written for the user.</summary>
    public static string ValeurChamp(TypeCampagne type, string cle, string valeur) =>
        ReferentielCampagnes.Champs(type).FirstOrDefault(c => c.Cle == cle) is { } champ
            ? champ.Nature switch
            {
                NatureChamp.Date => Soumission.LireDate(valeur) is { } d ? Libelles.Date(d) : valeur,
                NatureChamp.Montant => Soumission.LireMontant(valeur) is { } m ? Jalon.Domain.Structures.Budgets.Euros(m) : valeur,
                _ => valeur,
            }
            : valeur;

    public static string LibelleChamp(TypeCampagne type, string cle) => ReferentielCampagnes.Champs(type).FirstOrDefault(c => c.Cle == cle)?.Libelle ?? cle;

    private async Task<IActionResult?> ChargerAsync(Guid campagne, string structure, int? version)
    {
        var repo = new CampagneRepository(db);
        if (await repo.CampagneAsync(campagne) is not { } lu) return NotFound();
        Campagne = lu.Campagne;
        var s = await db.Structures.AsNoTracking().Where(x => x.Code == structure).Select(x => new { x.Code, x.Nom, x.Region }).FirstOrDefaultAsync();
        if (s is null || s.Region != Campagne.Region) return NotFound();
        var acteur = User.Acteur();
        EstDirecteur = acteur.Role == Role.Directeur && acteur.Structure == s.Code;
        if (!EstDirecteur && (acteur.Role == Role.Directeur || !Campagne.PeutLire(acteur, Campagne.Region))) return Forbid();
        Structure = s.Code;
        NomStructure = s.Nom;
        PeutRenvoyer = Campagne.EstEtatDeLaRegion(acteur, Campagne.Region);
        (Soumission, VersionLue) = await repo.SoumissionAsync(campagne, s.Code);
        EnRetard = Campagne.EstEnRetard(Soumission.Etat, Dates.TodayInParis(clock));
        _catalogue = IndicateursPilotage.Catalogue;
        Actuel = await repo.ContenuActuelAsync(Campagne, s.Code, _catalogue, Soumission.Champs);
        Anomalies = ControlesCampagne.Of(Campagne.Type, Campagne.Exercice, Actuel);
        Secret = User.Secret();
        if (Secret && Campagne.Type == TypeCampagne.Fevrier)
        {
            // The disclosure-control step, as on the dashboards: a cell masked there is masked here, live or frozen.
            var publication = indicateurs.Publier(User, _catalogue, Period.Year(Campagne.Exercice), [s.Code], avecN1: false);
            _masques = _catalogue.Indicateurs.Where(i => publication.Valeur(Level.Structure, s.Code, i.Cle).Masquee).Select(i => i.Cle).ToHashSet();
        }
        IndicateursActuels = Afficher(Actuel);
        Versions = Soumission.DerniereVersion > 0 ? await repo.VersionsAsync(Soumission.Id) : [];
        VersionVue = version is { } n ? Versions.FirstOrDefault(v => v.Numero == n) : Versions.Count > 0 ? Versions[^1] : null;
        if (version is not null && VersionVue is null) return NotFound();
        if (VersionVue is not null)
        {
            IndicateursVersion = Afficher(VersionVue.Contenu);
            AnomaliesVersion = ControlesCampagne.Of(Campagne.Type, Campagne.Exercice, VersionVue.Contenu);
            // An indicator's two values written as in the tables above (its unit; « s » where the secrecy masks it).
            var soumis = IndicateursVersion.ToDictionary(i => i.Cle, i => i.Valeur);
            var actuels = IndicateursActuels.ToDictionary(i => i.Cle, i => i.Valeur);
            Differences = ControlesCampagne.Differences(VersionVue.Contenu, Actuel)
                .Select(d => d.Rubrique == "Indicateurs" && d.Element.Split(' ')[0] is var cle
                    ? d with { Soumis = d.Soumis is null ? null : soumis.GetValueOrDefault(cle, d.Soumis), Actuel = d.Actuel is null ? null : actuels.GetValueOrDefault(cle, d.Actuel) }
                    : d)
                .Where(d => !(d.Soumis == "s" && d.Actuel == "s"))
                .ToList();
        }
        return null;
    }

    private List<IndicateurAffiche> Afficher(ContenuCampagne contenu)
    {
        var unites = _catalogue.Indicateurs.ToDictionary(i => i.Cle, i => i.Unite);
        return contenu.Indicateurs.Select(i => new IndicateurAffiche(i.Cle, i.Libelle,
            _masques.Contains(i.Cle) ? "s"
            : i.Valeur is not { } v ? "—"
            : unites.TryGetValue(i.Cle, out var u) ? Affichage.Valeur(u, v) : v.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")))).ToList();
    }
}
