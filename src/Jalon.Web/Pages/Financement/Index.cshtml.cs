using System.Globalization;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Financement;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Financement;
using Jalon.Storage.Indicators;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Financement;

/// <summary>
/// The Région's regional dialogue for its region (docs/financement-region.md): each structure's values of the grid over
/// N−1 with N−2 and the regional average; the envelope, the axes' shares and the weights it records; the axis-3
/// decisions with their argument; the allocation simulated with them, then voted (délibération) and notified, each move
/// audited. Once voted, the figures shown are the stored ones (frozen). Funding inputs are shown unmasked to the funder
/// (statistical secrecy covers aggregate-only views outside the funding relation). Figures come from the pure
/// <see cref="Allocation"/> only.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndexModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public const string Grille = "region-alsace-2015";

    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Enveloppe { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The weights typed in, by indicator key (field <c>poids_RG1</c>…); empty means 1.</summary>
    public Dictionary<string, string?> Poids { get; } = new(StringComparer.Ordinal);

    /// <summary>The shares of the axes typed in, in percent, by axis number (field <c>part_1</c>…).</summary>
    public Dictionary<int, string?> Parts { get; } = [];

    public Catalogue Catalogue { get; private set; } = null!;
    public string CodeRegion { get; private set; } = "";
    public IReadOnlyList<(string Code, string Nom)> Structures { get; private set; } = [];
    public Period Periode { get; private set; }
    public Period PeriodePrecedente { get; private set; }
    public IndicatorResults? Resultats { get; private set; }
    public IndicatorResults? ResultatsPrecedents { get; private set; }
    public AllocationResult? Allocation { get; private set; }

    /// <summary>The recorded allocation of the region and year (null: nothing recorded yet).</summary>
    public AllocationRegionaleEntity? Stockee { get; private set; }
    public List<AllocationDecisionEntity> Decisions { get; private set; } = [];
    public List<AllocationTransitionEntity> Transitions { get; private set; } = [];

    /// <summary>The figures shown are an ad-hoc simulation of the query string (nothing recorded).</summary>
    public bool Essai { get; private set; }
    public List<string> Erreurs { get; } = [];

    public GrilleFinancement Financement => Catalogue.Financement!;
    public StatutAllocation Statut => Stockee?.Statut ?? StatutAllocation.Simulation;
    public bool Modifiable => VieAllocation.RefusModification(Statut) is null;
    public string Auteur => User.Acteur().Nom;
    public bool Admin => User.Acteur().Role == Role.Administrateur;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } refus) return refus;
        await CalculerAsync(essai: !string.IsNullOrWhiteSpace(Enveloppe));
        return Page();
    }

    /// <summary>Records the envelope, the shares and the weights (a simulation only).</summary>
    public async Task<IActionResult> OnPostParametresAsync()
    {
        if (await ChargerAsync() is { } refus) return refus;
        var parametres = LireParametres();
        if (VieAllocation.RefusModification(Statut) is { } r) Erreurs.Add(r);
        if (Erreurs.Count == 0)
        {
            // The decisions recorded must still fit the axis envelope: the allocation says so (the rule is written there).
            await EssayerAsync(parametres, DecisionsDe(Decisions));
        }
        if (Erreurs.Count > 0) return await ReafficherAsync();
        var maintenant = clock.GetUtcNow().UtcDateTime;
        var allocation = await new AllocationRepository(db).EnregistrerAsync(CodeRegion, Grille, Annee!.Value, parametres!, Auteur, maintenant);
        Audit.Add(db, User, AuditAction.Modification, "allocation régionale", null, null,
            $"région {CodeRegion}, enveloppe {Annee} : {Euros(parametres!.Enveloppe)}, parts {string.Join(" / ", parametres.Parts.OrderBy(p => p.Key).Select(p => Part(p.Value)))}"
            + (parametres.Poids.Count > 0 ? $", poids {string.Join(", ", parametres.Poids.Select(p => $"{p.Key.Cle}={p.Value.ToString(CultureInfo.InvariantCulture)}"))}" : ""));
        await db.SaveChangesAsync();
        TempData["Succes"] = "Enveloppe, parts et poids enregistrés.";
        return Retour();
    }

    /// <summary>Records (or withdraws, with an empty amount) the axis-3 decision for a structure, with its argument.</summary>
    public async Task<IActionResult> OnPostDecisionAsync(string? structure, int axe, string? montant, string? argument)
    {
        if (await ChargerAsync() is { } refus) return refus;
        if (Stockee is null) Erreurs.Add("Enregistrez d'abord l'enveloppe de l'année : les décisions s'y rapportent.");
        else if (VieAllocation.RefusModification(Statut) is { } r) Erreurs.Add(r);
        if (Erreurs.Count > 0) return await ReafficherAsync();
        if (structure is null || !Structures.Any(s => s.Code == structure)) return NotFound();
        if (!Financement.Axes.Any(a => a.Numero == axe && a.EstDecide)) return NotFound();
        decimal? euros = null;
        argument = argument?.Trim() ?? "";
        if (!string.IsNullOrWhiteSpace(montant))
        {
            euros = FichiersFinancement.Decimal(montant);
            if (VieAllocation.RefusMontant($"Axe {axe}, {structure}", euros) is { } m) Erreurs.Add(m);
            if (argument.Length == 0) Erreurs.Add($"Axe {axe}, {structure} : l'argument de la décision est obligatoire (« le choix final de la Région sera argumenté »).");
            if (argument.Length > VieAllocation.LongueurArgument) Erreurs.Add($"Axe {axe}, {structure} : l'argument dépasse {VieAllocation.LongueurArgument} caractères.");
        }
        if (Erreurs.Count == 0)
        {
            var decisions = Decisions.Where(d => !(d.StructureCode == structure && d.Axe == axe))
                .Select(d => (d.Axe, new DecisionAxe(d.StructureCode, d.Montant, d.Argument))).ToList();
            if (euros is { } e) decisions.Add((axe, new DecisionAxe(structure, e, argument)));
            await EssayerAsync(await ParametresStockesAsync(), decisions.GroupBy(d => d.Axe).ToDictionary(g => g.Key, g => (IReadOnlyList<DecisionAxe>)g.Select(x => x.Item2).ToList()));
        }
        if (Erreurs.Count > 0) return await ReafficherAsync();
        await new AllocationRepository(db).DeciderAsync(Stockee!, structure, axe, euros, argument, Auteur, clock.GetUtcNow().UtcDateTime);
        Audit.Add(db, User, AuditAction.Modification, "allocation régionale", structure, null,
            euros is { } x ? $"région {CodeRegion}, enveloppe {Annee}, axe {axe} : {Euros(x)} décidés" : $"région {CodeRegion}, enveloppe {Annee}, axe {axe} : décision retirée");
        await db.SaveChangesAsync();
        TempData["Succes"] = euros is null ? $"Décision de l'axe {axe} retirée pour {structure}." : $"Décision de l'axe {axe} enregistrée pour {structure}.";
        return Retour();
    }

    /// <summary>Votes the allocation: the figures computed now are stored and frozen, with the délibération.</summary>
    public async Task<IActionResult> OnPostVoterAsync(string? deliberation, DateOnly? date)
    {
        if (await ChargerAsync() is { } refus) return refus;
        if (Stockee is null) Erreurs.Add("Enregistrez d'abord l'enveloppe de l'année.");
        else if (VieAllocation.RefusVote(Statut, deliberation, date) is { } r) Erreurs.Add(r);
        var figures = Erreurs.Count == 0 ? await EssayerAsync(await ParametresStockesAsync(), DecisionsDe(Decisions)) : null;
        if (figures is null) return await ReafficherAsync();
        await new AllocationRepository(db).VoterAsync(Stockee!, figures, deliberation!.Trim(), date!.Value, Auteur, clock.GetUtcNow().UtcDateTime);
        Audit.Add(db, User, AuditAction.Modification, "allocation régionale", null, null,
            $"région {CodeRegion}, enveloppe {Annee} votée : délibération n° {deliberation.Trim()} du {Libelles.Date(date.Value)}, {Euros(figures.Structures.Sum(s => s.Total))}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Allocation votée : ses montants sont figés.";
        return Retour();
    }

    public async Task<IActionResult> OnPostNotifierAsync(DateOnly? date)
    {
        if (await ChargerAsync() is { } refus) return refus;
        if (Stockee is null) Erreurs.Add("Aucune allocation enregistrée pour cette année.");
        else if (VieAllocation.RefusNotification(Statut, Stockee.DeliberationLe, date) is { } r) Erreurs.Add(r);
        if (Erreurs.Count > 0) return await ReafficherAsync();
        new AllocationRepository(db).Notifier(Stockee!, date!.Value, Auteur, clock.GetUtcNow().UtcDateTime);
        Audit.Add(db, User, AuditAction.Modification, "allocation régionale", null, null, $"région {CodeRegion}, enveloppe {Annee} notifiée le {Libelles.Date(date.Value)}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Allocation notifiée : chaque structure peut télécharger sa notification de subvention.";
        return Retour();
    }

    /// <summary>Withdraws the vote (voted, not notified): back to simulation, the voted figures dropped.</summary>
    public async Task<IActionResult> OnPostRetirerAsync()
    {
        if (await ChargerAsync() is { } refus) return refus;
        if (Stockee is null) Erreurs.Add("Aucune allocation enregistrée pour cette année.");
        else if (VieAllocation.RefusRetour(Statut) is { } r) Erreurs.Add(r);
        if (Erreurs.Count > 0) return await ReafficherAsync();
        await new AllocationRepository(db).RetirerVoteAsync(Stockee!, Auteur, clock.GetUtcNow().UtcDateTime);
        Audit.Add(db, User, AuditAction.Modification, "allocation régionale", null, null, $"région {CodeRegion}, enveloppe {Annee} : vote retiré, retour à la simulation");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Vote retiré : l'allocation est de nouveau une simulation.";
        return Retour();
    }

    private RedirectResult Retour() =>
        Redirect($"/Financement?annee={Annee}" + (User.Acteur().Role == Role.Administrateur ? $"&region={Uri.EscapeDataString(CodeRegion)}" : ""));

    private async Task<IActionResult> ReafficherAsync()
    {
        await CalculerAsync(essai: false);
        return Page();
    }

    /// <summary>Who may see the region, its structures, the grid's values over N−1 and N−2, and the recorded allocation.</summary>
    private async Task<IActionResult?> ChargerAsync()
    {
        var acteur = User.Acteur();
        if (acteur.Role is not (Role.AgentRegion or Role.Administrateur)) return Forbid();
        if (!indicateurs.Catalogues.TryGet(Grille, out var catalogue) || catalogue.Financement is null) return NotFound();
        Catalogue = catalogue;
        var regions = (await indicateurs.StructuresAsync(null)).Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        CodeRegion = acteur.Role == Role.AgentRegion ? acteur.Region ?? "" : Region ?? regions.FirstOrDefault() ?? "";
        if (acteur.Role == Role.AgentRegion && Region is not null && Region != CodeRegion) return Forbid();
        Structures = (await indicateurs.StructuresAsync(CodeRegion)).Select(s => (s.Code, s.Nom)).ToList();
        Annee ??= Dates.TodayInParis(clock).Year;
        if (Annee is < 2000 or > 2100) return BadRequest();
        Periode = DonneesFinancement.Periode(catalogue, Annee.Value);
        PeriodePrecedente = DonneesFinancement.Periode(catalogue, Annee.Value - 1);
        var repo = new AllocationRepository(db);
        Stockee = await repo.FindAsync(CodeRegion, Grille, Annee.Value);
        if (Stockee is not null)
        {
            Decisions = await repo.DecisionsAsync(Stockee);
            Transitions = await repo.TransitionsAsync(Stockee);
        }
        if (Structures.Count > 0)
        {
            // The funder's own grid: unmasked (issue 9), over the region's structures only.
            var codes = Structures.Select(s => s.Code).ToArray();
            var store = new IndicatorStore(db);
            Resultats = store.Compute(catalogue, new IndicatorRequest(Periode) { Structures = codes });
            ResultatsPrecedents = store.Compute(catalogue, new IndicatorRequest(PeriodePrecedente) { Structures = codes });
        }
        return null;
    }

    /// <summary>The form's fields: typed in (query or form), else recorded, else the grid's defaults.</summary>
    private async Task RemplirAsync()
    {
        var stockes = Stockee is null ? null : await new AllocationRepository(db).ParametresAsync(Stockee);
        var source = Request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)Request.Form : Request.Query;
        var saisis = source.ToDictionary(kv => kv.Key, kv => kv.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase);
        Enveloppe ??= stockes is null ? null : stockes.Enveloppe.ToString("0.00", Fr);
        foreach (var axe in Financement.Axes)
        {
            Parts[axe.Numero] = saisis.TryGetValue("part_" + axe.Numero, out var p) && p is not null
                ? p
                : ((stockes?.Parts.GetValueOrDefault(axe.Numero) ?? axe.Part) * 100).ToString("0.##", Fr);
            foreach (var k in axe.Indicateurs)
            {
                Poids[k] = saisis.TryGetValue("poids_" + k, out var w) && w is not null
                    ? w
                    : stockes?.Poids.TryGetValue((axe.Numero, k), out var x) == true ? x.ToString("0.####", Fr) : null;
            }
        }
    }

    /// <summary>The envelope, shares and weights of the form, checked (errors in <see cref="Erreurs"/>); null if invalid.</summary>
    private ParametresAllocation? LireParametres()
    {
        var avant = Erreurs.Count;
        var saisis = Request.HasFormContentType ? Request.Form.ToDictionary(kv => kv.Key, kv => kv.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase)
            : Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase);
        var euros = string.IsNullOrWhiteSpace(Enveloppe) ? null : FichiersFinancement.Decimal(Enveloppe);
        if (VieAllocation.RefusMontant("Enveloppe", euros) is { } m) Erreurs.Add(string.IsNullOrWhiteSpace(Enveloppe) ? m : $"{m} Saisi : « {Enveloppe} ».");
        var parts = new Dictionary<int, decimal>();
        foreach (var axe in Financement.Axes)
        {
            var texte = saisis.GetValueOrDefault("part_" + axe.Numero);
            if (string.IsNullOrWhiteSpace(texte)) parts[axe.Numero] = axe.Part;
            else if (FichiersFinancement.Decimal(texte) is { } p) parts[axe.Numero] = p / 100;
            else Erreurs.Add($"Part de l'axe {axe.Numero} invalide : « {texte} » (un pourcentage : 50 ou 12,5).");
        }
        var poids = new Dictionary<(int, string), decimal>();
        foreach (var axe in Financement.Axes)
        {
            foreach (var k in axe.Indicateurs)
            {
                var texte = saisis.GetValueOrDefault("poids_" + k);
                if (string.IsNullOrWhiteSpace(texte)) continue;
                if (FichiersFinancement.Decimal(texte) is { } w) poids[(axe.Numero, k)] = w;
                else Erreurs.Add($"Poids de {k} invalide : « {texte} » (un nombre positif ou nul : 2 ou 1,5).");
            }
        }
        if (parts.Count == Financement.Axes.Count) VieAllocation.AvecParts(Financement, parts, Erreurs);
        VieAllocation.VerifierPoids(Financement, poids, Erreurs);
        return Erreurs.Count > avant ? null : new ParametresAllocation(euros!.Value, parts, poids);
    }

    private async Task<ParametresAllocation?> ParametresStockesAsync() =>
        Stockee is null ? null : await new AllocationRepository(db).ParametresAsync(Stockee);

    private static Dictionary<int, IReadOnlyList<DecisionAxe>> DecisionsDe(IEnumerable<AllocationDecisionEntity> decisions) =>
        decisions.GroupBy(d => d.Axe).ToDictionary(g => g.Key, g => (IReadOnlyList<DecisionAxe>)g.Select(d => new DecisionAxe(d.StructureCode, d.Montant, d.Argument)).ToList());

    /// <summary>The allocation of these parameters and decisions over the stored tallies of N−1 (errors in French), or null.</summary>
    private Task<AllocationResult?> EssayerAsync(ParametresAllocation? parametres, IReadOnlyDictionary<int, IReadOnlyList<DecisionAxe>> decisions)
    {
        if (parametres is null || Resultats is null)
        {
            if (Resultats is null) Erreurs.Add("Aucune structure dans la région.");
            return Task.FromResult<AllocationResult?>(null);
        }
        try
        {
            var grille = VieAllocation.AvecParts(Financement, parametres.Parts, Erreurs);
            var request = DonneesFinancement.Request(Resultats, Catalogue, Structures.Select(s => s.Code).ToArray(), parametres.Enveloppe)
                with
            { Grille = grille, Poids = parametres.Poids, Decisions = decisions };
            return Task.FromResult<AllocationResult?>(Jalon.Indicators.Financement.Allocation.Allouer(request));
        }
        catch (AllocationException e)
        {
            Erreurs.AddRange(e.Message.Split(Environment.NewLine));
            return Task.FromResult<AllocationResult?>(null);
        }
    }

    /// <summary>
    /// The figures shown: the voted ones as stored (frozen); else the simulation of the query string (<paramref name="essai"/>,
    /// nothing recorded) or of the recorded parameters and decisions.
    /// </summary>
    private async Task CalculerAsync(bool essai)
    {
        await RemplirAsync();
        if (Structures.Count == 0) return;
        if (Stockee is { Statut: not StatutAllocation.Simulation })
        {
            Allocation = await new AllocationRepository(db).VoteeAsync(Stockee);
            return;
        }
        if (essai)
        {
            Essai = true;
            var parametres = LireParametres();
            if (parametres is not null) Allocation = await EssayerAsync(parametres, DecisionsDe(Decisions));
            return;
        }
        if (Stockee is not null && Erreurs.Count == 0) Allocation = await EssayerAsync(await ParametresStockesAsync(), DecisionsDe(Decisions));
    }

    /// <summary>The value of an indicator for a structure (structure level) or the region.</summary>
    public string Valeur(Level level, string code, string cle) => Formater(Resultats!, level, code, cle);

    /// <summary>The same value the year before (N−2 of the envelope), for comparison.</summary>
    public string ValeurPrecedente(Level level, string code, string cle) => Formater(ResultatsPrecedents!, level, code, cle);

    /// <summary>The regional average: the region's total over its structures.</summary>
    public string Moyenne(string cle) => MoyenneDe(Resultats!, cle);

    public string MoyennePrecedente(string cle) => MoyenneDe(ResultatsPrecedents!, cle);

    public AllocationDecisionEntity? Decision(string structure, int axe) => Decisions.FirstOrDefault(d => d.StructureCode == structure && d.Axe == axe);

    public string Nom(string code) => Structures.FirstOrDefault(s => s.Code == code).Nom ?? code;

    private string MoyenneDe(IndicatorResults r, string cle) =>
        r.Get(Level.Region, CodeRegion, cle).Value is { } v ? (v / Structures.Count).ToString("#,##0.0", Fr) : "—";

    private static string Formater(IndicatorResults r, Level level, string code, string cle) =>
        r.Get(level, code, cle).Value is { } v ? v.ToString("#,##0", Fr) : "—";

    public static string Euros(decimal d) => d.ToString("#,##0.00", Fr) + " €";

    public static string Part(decimal p) => (p * 100).ToString("0.##", Fr) + " %";

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
}
