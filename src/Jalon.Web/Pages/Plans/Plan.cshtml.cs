using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Domain.Structures;
using Jalon.Indicators.Catalogues;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Storage.Structures;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans;

/// <summary>One indicator of an action with its progress at the measure day.</summary>
public sealed record LigneIndicateur(IndicateurPlan Indicateur, Progression? Progression);

/// <summary>
/// A plan's overview (docs/plans.md): its objective tree, its action sheets with their status, pilot and indicators,
/// the progress to date of each indicator and, at a glance, the actions late; its editing by the director (or the
/// Région and State of the region for an orientation). Every change is audited.
/// </summary>
public sealed class PlanModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public Plan Plan { get; private set; } = null!;
    public string Porteur { get; private set; } = "";
    public bool PeutModifier { get; private set; }
    public DateOnly Jour { get; private set; }
    public Dictionary<Guid, List<LigneIndicateur>> IndicateursParAction { get; } = [];
    public HashSet<Guid> ActionsEnRetard { get; } = [];
    public IReadOnlyList<MembrePersonnel> Personnel { get; private set; } = [];
    public IReadOnlyList<IndicatorDefinition> Mesurables { get; } = MesuresPlan.Mesurables(IndicateursPilotage.Catalogue);

    /// <summary>The objectives of the region's orientations a structure objective may serve; for an orientation, its objectives no one serves.</summary>
    public List<(Plan Orientation, ObjectifPlan Objectif)> ObjectifsRegionaux { get; } = [];
    public HashSet<Guid> NonCouverts { get; } = [];
    public string? Erreur { get; private set; }

    /// <summary>The follow-up commission's meetings and the evaluations (<c>_Suivi.cshtml</c>).</summary>
    public SuiviPlan Suivi { get; private set; } = null!;

    // The fields of the edit forms (kept on a refused change).
    [BindProperty] public Guid? ParentId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Libelle { get; set; }
    [BindProperty] public Guid? ObjectifRegionalId { get; set; }
    [BindProperty] public Guid ObjectifId { get; set; }
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public string? PiloteId { get; set; }
    [BindProperty] public string? Partenaires { get; set; }
    [BindProperty] public string? PublicCible { get; set; }
    [BindProperty] public string? Moyens { get; set; }
    [BindProperty] public DateOnly? Echeance { get; set; }
    [BindProperty] public Guid ActionId { get; set; }
    [BindProperty] public StatutAction Statut { get; set; }
    [BindProperty] public string? CleCatalogue { get; set; }
    [BindProperty] public NatureIndicateur Nature { get; set; }
    [BindProperty] public SensCible Sens { get; set; }
    [BindProperty] public int Annee { get; set; }
    [BindProperty] public string? Cible { get; set; }
    [BindProperty] public string? Profil { get; set; }
    [BindProperty] public Guid IndicateurId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Valeur { get; set; }

    /// <summary>« xlsx »: the plan as a workbook, one row per action with its indicators and their progress.</summary>
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var r = await ChargerAsync();
        if (r is not null) return r;
        if (Format == "xlsx")
        {
            Audit.Add(db, User, Storage.Entities.AuditAction.Export, "plan", Plan.Structure, null, $"{Plan.Titre} (xlsx)");
            await db.SaveChangesAsync();
            return File(Exports.Xlsx(Tableau()), Exports.TypeXlsx, $"plan-{(Plan.Structure ?? "region-" + Plan.Region)}-{Plan.AnneeDebut}-{Plan.AnneeFin}.xlsx");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Lecture, "plan", Plan.Structure, null, Plan.Titre);
        await db.SaveChangesAsync();
        Version = await new PlanRepository(db).VersionAsync(Id);
        Annee = Jour.Year;
        Date = Jour;
        return Page();
    }

    public Task<IActionResult> OnPostObjectifAsync() => ModifierAsync("ajout d'un objectif", p =>
    {
        var regional = ObjectifsRegionaux.FirstOrDefault(o => o.Objectif.Id == ObjectifRegionalId).Objectif;
        var o = p.AjouterObjectif(ParentId, Code ?? "", Libelle ?? "", regional);
        return $"objectif {o.Code} « {o.Libelle} »";
    });

    public Task<IActionResult> OnPostActionAsync() => ModifierAsync("ajout d'une action", p =>
    {
        var pilote = string.IsNullOrEmpty(PiloteId) ? null : new Pilote(PiloteId, "");
        var a = p.AjouterAction(ObjectifId, new ContenuAction(Titre ?? "", pilote, Partenaires ?? "", PublicCible ?? "", Moyens ?? "", Echeance, []), Personnel, Jour);
        return $"action « {a.Contenu.Titre} »";
    });

    public Task<IActionResult> OnPostStatutAsync() => ModifierAsync("statut d'une action", p =>
    {
        p.ChangerStatutAction(ActionId, Statut, Jour, User.Acteur().Nom);
        return $"action « {p.Action(ActionId).Contenu.Titre} » : {Statut.Libelle()}";
    });

    public Task<IActionResult> OnPostIndicateurAsync() => ModifierAsync("ajout d'un indicateur", p =>
    {
        var nature = Nature;
        string? cle = null;
        var libelle = Libelle ?? "";
        if (!string.IsNullOrEmpty(CleCatalogue))
        {
            var d = Mesurables.FirstOrDefault(m => m.Cle == CleCatalogue) ?? throw new PlanException($"« {CleCatalogue} » n'est pas un indicateur mesurable du catalogue.");
            (cle, nature) = (d.Cle, MesuresPlan.NatureDe(d));
            if (string.IsNullOrWhiteSpace(libelle)) libelle = d.LibelleCourt;
        }
        var cible = LireNombre(Cible, "La cible") ?? throw new PlanException("La cible est requise.");
        if (nature == NatureIndicateur.Taux) cible /= 100;
        var i = p.AjouterIndicateur(ActionId, libelle, nature, Sens, cle, new Dictionary<int, double> { [Annee] = cible }, LireProfil(Profil));
        return $"indicateur « {i.Libelle} » cible {Annee} {Cible}";
    });

    public Task<IActionResult> OnPostValeurAsync() => ModifierAsync("saisie d'une valeur", p =>
    {
        var i = p.Indicateur(IndicateurId);
        var v = LireNombre(Valeur, "La valeur") ?? throw new PlanException("La valeur est requise.");
        if (i.Nature == NatureIndicateur.Taux) v /= 100;
        p.SaisirValeur(IndicateurId, Date ?? throw new PlanException("La date est requise."), v);
        return $"indicateur « {i.Libelle} » : {Valeur} au {Date:dd/MM/yyyy}";
    });

    /// <summary>Loads, checks the right and the version, applies the change, saves and audits; re-shows the page with the French message on a refused change.</summary>
    private async Task<IActionResult> ModifierAsync(string quoi, Func<Plan, string> changer)
    {
        var r = await ChargerAsync();
        if (r is not null) return r;
        if (!PeutModifier) return Forbid();
        string detail;
        try
        {
            detail = changer(Plan);
            await new PlanRepository(db).EnregistrerAsync(Plan, Version, User.Acteur().Nom);
        }
        catch (PlanException e)
        {
            return await Refuser(e.Message);
        }
        catch (ModificationConcurrenteException e)
        {
            return await Refuser($"Ce plan a été modifié entre-temps par {e.Par} : rechargez la page.");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "plan", Plan.Structure, null, $"{Plan.Titre} — {quoi} : {detail}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Plan enregistré.";
        return Redirect($"/Plans/Plan?id={Id}");
    }

    private async Task<IActionResult> Refuser(string message)
    {
        db.ChangeTracker.Clear();
        await ChargerAsync();
        Erreur = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> ChargerAsync()
    {
        var repo = new PlanRepository(db);
        var plan = await repo.PlanAsync(Id);
        if (plan is null) return NotFound();
        Plan = plan;
        var acteur = User.Acteur();
        var structures = await indicateurs.StructuresAsync(null);
        if (acteur.Structure is { } code && structures.FirstOrDefault(s => s.Code == code) is { Code: not null } s)
            acteur = acteur with { Region = s.Region };
        if (!HabilitationsPlans.PeutLire(acteur, plan.Structure, plan.Region)) return Forbid();
        PeutModifier = HabilitationsPlans.PeutModifier(acteur, plan.Structure, plan.Region);
        Porteur = plan.Structure is null ? "Région " + plan.Region : structures.FirstOrDefault(x => x.Code == plan.Structure).Nom ?? plan.Structure;
        Jour = Dates.TodayInParis(clock);
        if (plan.Structure is not null)
            Personnel = [.. (await new StructureRepository(db).PersonnelAsync(plan.Structure)).Select(p => p.Membre).Where(m => m.IsActiveOn(Jour))];

        var region = await repo.PlansDeLaRegionAsync(plan.Region);
        foreach (var o in region.Where(p => p.EstRegional))
        {
            foreach (var obj in o.Objectifs) ObjectifsRegionaux.Add((o, obj));
            if (o.Id == plan.Id)
                foreach (var nc in Couverture.NonCouverts(o, region.Where(p => !p.EstRegional))) NonCouverts.Add(nc.Id);
        }

        Suivi = await SuiviPlan.ChargerAsync(db, plan, PeutModifier, Jour);
        var mesures = MesuresPlan.Mesurer(indicateurs, User, plan, Jour);
        foreach (var a in plan.Actions)
        {
            var lignes = plan.IndicateursDe(a.Id).Select(i => new LigneIndicateur(i, i.ProgressionAu(Jour, mesures.GetValueOrDefault(i.Id)))).ToList();
            IndicateursParAction[a.Id] = lignes;
            if (a.EstEnRetard(Jour, lignes.Select(l => l.Progression).OfType<Progression>())) ActionsEnRetard.Add(a.Id);
        }
        return null;
    }

    /// <summary>One row per action: its objective's path, the sheet, its status, late or not, and each indicator with its progress at the measure day.</summary>
    public TableExport Tableau()
    {
        var lignes = new List<IReadOnlyList<CelluleExport>>();
        foreach (var o in ObjectifsOrdonnes())
        {
            foreach (var a in Plan.Actions.Where(a => a.ObjectifId == o.Id))
            {
                var dernier = a.Historique.Count > 0 ? a.Historique[^1] : null;
                var indicateurs = string.Join(" ; ", IndicateursParAction[a.Id].Select(l => l.Progression is { } pr
                    ? $"{l.Indicateur.Libelle} : {Afficher(l.Indicateur.Nature, pr.Valeur)} / {Afficher(l.Indicateur.Nature, pr.Attendu)} / {Afficher(l.Indicateur.Nature, pr.Cible)}, {pr.Libelle}"
                    : $"{l.Indicateur.Libelle} : pas de cible en {Jour.Year}"));
                lignes.Add(
                [
                    string.Join(" > ", Plan.Chemin(o.Id).Select(x => x.Code.Length > 0 ? x.Code : x.Libelle)), o.Libelle, a.Contenu.Titre, a.Contenu.Pilote?.Nom,
                    a.Contenu.Echeance?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), a.Statut.Libelle(), dernier?.Le.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    ActionsEnRetard.Contains(a.Id) ? "oui" : "non", a.Contenu.Partenaires, a.Contenu.PublicCible, indicateurs,
                ]);
            }
        }
        return new TableExport($"{Plan.Titre} au {Jour:dd/MM/yyyy}",
            ["objectif (chemin)", "objectif", "action", "pilote", "échéance", "statut", "statut depuis le", "en retard", "partenaires", "public visé",
             "indicateurs : valeur / attendu à date / cible de l'année, situation"], lignes);
    }

    /// <summary>A number typed in French (« 12,5 » or « 12.5 »); null when empty.</summary>
    internal static double? LireNombre(string? texte, string quoi)
    {
        if (string.IsNullOrWhiteSpace(texte)) return null;
        var t = texte.Trim().Replace(" ", "", StringComparison.Ordinal).Replace('\u00A0', ' ').Replace(" ", "", StringComparison.Ordinal).Replace(',', '.');
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new PlanException($"{quoi} « {texte} » n'est pas un nombre (exemple : 12 ou 12,5).");
    }

    /// <summary>Twelve monthly weights separated by « ; » (January first); null when empty (linear).</summary>
    internal static ProfilMensuel? LireProfil(string? texte)
    {
        if (string.IsNullOrWhiteSpace(texte)) return null;
        return ProfilMensuel.De([.. texte.Split(';').Select(p => LireNombre(p, "Un poids du profil") ?? throw new PlanException("Chaque mois du profil doit avoir un poids (12 valeurs séparées par « ; »)."))]);
    }

    /// <summary>A value as shown: a count rounded, a rate in percent.</summary>
    public static string Afficher(NatureIndicateur nature, double? v) => v is not { } x ? "—"
        : nature == NatureIndicateur.Taux ? (x * 100).ToString("0.#", Libelles.Fr) + " %" : x.ToString("0.#", Libelles.Fr);

    public int Profondeur(ObjectifPlan o) => Plan.Chemin(o.Id).Count - 1;

    /// <summary>The objectives depth first: each general objective followed by its operational ones.</summary>
    public IEnumerable<ObjectifPlan> ObjectifsOrdonnes(Guid? parent = null)
    {
        foreach (var o in Plan.Objectifs.Where(x => x.ParentId == parent))
        {
            yield return o;
            foreach (var sous in ObjectifsOrdonnes(o.Id)) yield return sous;
        }
    }
}
