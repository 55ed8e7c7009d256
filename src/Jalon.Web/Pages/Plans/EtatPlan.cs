using System.Security.Claims;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Pages.Plans;

/// <summary>A plan read by a user: who owns it (« porteur »), whether this user may change it, its stored version.</summary>
public sealed record PlanLu(Plan Plan, string Porteur, bool PeutModifier, int Version)
{
    /// <summary>The plan <paramref name="id"/> if it exists (null otherwise) and whether <paramref name="user"/> may read it.</summary>
    public static async Task<(PlanLu? Plan, bool PeutLire)> ChargerAsync(JalonDbContext db, IndicateursPilotage indicateurs, ClaimsPrincipal user, Guid id)
    {
        var repo = new PlanRepository(db);
        var plan = await repo.PlanAsync(id);
        if (plan is null) return (null, false);
        var acteur = user.Acteur();
        var structures = await indicateurs.StructuresAsync(null);
        if (acteur.Structure is { } code && structures.FirstOrDefault(s => s.Code == code) is { Code: not null } s)
            acteur = acteur with { Region = s.Region };
        if (!HabilitationsPlans.PeutLire(acteur, plan.Structure, plan.Region)) return (null, false);
        var porteur = plan.Structure is null ? "Région " + plan.Region : structures.FirstOrDefault(x => x.Code == plan.Structure).Nom ?? plan.Structure;
        return (new PlanLu(plan, porteur, HabilitationsPlans.PeutModifier(acteur, plan.Structure, plan.Region), await repo.VersionAsync(id)), true);
    }
}

/// <summary>
/// A plan's state at a date — each action's status at that date, each indicator's progress (measured values as the
/// user may read them, entered values as entered by then), the actions late — the one model of the printable document,
/// its PDF and the evaluations.
/// </summary>
public sealed record EtatPlan(Plan Plan, string Porteur, DateOnly Jour, IReadOnlyDictionary<Guid, List<LigneIndicateur>> Indicateurs, IReadOnlySet<Guid> EnRetard)
{
    public static EtatPlan Calculer(Plan plan, string porteur, DateOnly jour, IReadOnlyDictionary<Guid, double?> mesures)
    {
        var lignes = new Dictionary<Guid, List<LigneIndicateur>>();
        var retard = new HashSet<Guid>();
        foreach (var a in plan.Actions)
        {
            var l = plan.IndicateursDe(a.Id).Select(i => new LigneIndicateur(i, i.ProgressionAu(jour, mesures.GetValueOrDefault(i.Id)))).ToList();
            lignes[a.Id] = l;
            if (a.EstEnRetard(jour, l.Select(x => x.Progression).OfType<Progression>())) retard.Add(a.Id);
        }
        return new EtatPlan(plan, porteur, jour, lignes, retard);
    }

    /// <summary>The state as <paramref name="user"/> reads it at <paramref name="jour"/> (statistical secrecy applies to measured values).</summary>
    public static EtatPlan Pour(PlanLu lu, IndicateursPilotage indicateurs, ClaimsPrincipal user, DateOnly jour) =>
        Calculer(lu.Plan, lu.Porteur, jour, MesuresPlan.Mesurer(indicateurs, user, lu.Plan, jour));

    /// <summary>The last change of status of an action at or before the day.</summary>
    public ChangementStatut? DernierChangement(ActionPlan a) => a.Historique.LastOrDefault(c => c.Le <= Jour);

    /// <summary>How many actions are in each status at the day.</summary>
    public IEnumerable<(StatutAction Statut, int Nombre)> ParStatut() =>
        Enum.GetValues<StatutAction>().Select(s => (s, Plan.Actions.Count(a => a.StatutAu(Jour) == s)));

    /// <summary>The objectives depth first: each general objective followed by its operational ones.</summary>
    public IEnumerable<ObjectifPlan> ObjectifsOrdonnes(Guid? parent = null)
    {
        foreach (var o in Plan.Objectifs.Where(x => x.ParentId == parent))
        {
            yield return o;
            foreach (var sous in ObjectifsOrdonnes(o.Id)) yield return sous;
        }
    }

    public int Profondeur(ObjectifPlan o) => Plan.Chemin(o.Id).Count - 1;
}
