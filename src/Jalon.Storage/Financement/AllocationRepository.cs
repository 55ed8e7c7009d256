using Jalon.Indicators.Financement;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Financement;

/// <summary>The parameters of an allocation as the Région set them: envelope, shares of the axes, weights, decisions.</summary>
public sealed record ParametresAllocation(
    decimal Enveloppe,
    IReadOnlyDictionary<int, decimal> Parts,
    IReadOnlyDictionary<(int Axe, string Cle), decimal> Poids);

/// <summary>
/// Reads and writes the Région's allocations (schema step 13). It computes nothing: the figures of a vote come from
/// the pure <see cref="Allocation"/> and are stored as given; the rules of the life are <see cref="VieAllocation"/>'s.
/// Every change records who and when (and the moves of the life in <c>AllocationTransitions</c>); callers add the
/// audit line and save.
/// </summary>
public sealed class AllocationRepository(JalonDbContext db)
{
    public Task<AllocationRegionaleEntity?> FindAsync(string region, string grille, int annee) =>
        db.AllocationsRegionales.FirstOrDefaultAsync(a => a.RegionCode == region && a.Grille == grille && a.Annee == annee);

    /// <summary>The notified allocations that concern a structure (its region's), most recent year first.</summary>
    public async Task<List<AllocationRegionaleEntity>> NotifieesPourAsync(string structure)
    {
        var ids = db.AllocationStructures.Where(s => s.StructureCode == structure).Select(s => s.AllocationId);
        var list = await db.AllocationsRegionales.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Statut == StatutAllocation.Notifiee).ToListAsync();
        return [.. list.OrderByDescending(a => a.Annee)];
    }

    public async Task<ParametresAllocation> ParametresAsync(AllocationRegionaleEntity allocation)
    {
        var parts = await db.AllocationParts.AsNoTracking().Where(p => p.AllocationId == allocation.Id).ToDictionaryAsync(p => p.Axe, p => p.Part);
        var poids = (await db.AllocationPoids.AsNoTracking().Where(p => p.AllocationId == allocation.Id).ToListAsync())
            .ToDictionary(p => (p.Axe, p.Indicateur), p => p.Poids);
        return new ParametresAllocation(allocation.Enveloppe, parts, poids);
    }

    public Task<List<AllocationDecisionEntity>> DecisionsAsync(AllocationRegionaleEntity allocation) =>
        db.AllocationDecisions.AsNoTracking().Where(d => d.AllocationId == allocation.Id).OrderBy(d => d.Axe).ThenBy(d => d.StructureCode).ToListAsync();

    public Task<List<AllocationTransitionEntity>> TransitionsAsync(AllocationRegionaleEntity allocation) =>
        db.AllocationTransitions.AsNoTracking().Where(t => t.AllocationId == allocation.Id).OrderBy(t => t.Id).ToListAsync();

    /// <summary>The figures as voted (stored at the vote, never recomputed), or null for a simulation.</summary>
    public async Task<AllocationResult?> VoteeAsync(AllocationRegionaleEntity allocation)
    {
        if (allocation.Statut == StatutAllocation.Simulation) return null;
        var parts = await db.AllocationParts.AsNoTracking().Where(p => p.AllocationId == allocation.Id).OrderBy(p => p.Axe).ToListAsync();
        var montants = await db.AllocationMontants.AsNoTracking().Where(m => m.AllocationId == allocation.Id).ToListAsync();
        var structures = await db.AllocationStructures.AsNoTracking().Where(s => s.AllocationId == allocation.Id).ToListAsync();
        var axes = parts.Select(p => new AxeAlloue(p.Axe, p.Part, p.MontantVote ?? 0, p.NonAttribueVote ?? 0)).ToArray();
        var lignes = structures.OrderBy(s => s.StructureCode, StringComparer.Ordinal).Select(s =>
        {
            var parAxe = parts.Select(p => montants.FirstOrDefault(m => m.StructureCode == s.StructureCode && m.Axe == p.Axe)?.Montant ?? 0).ToArray();
            var total = parAxe.Sum();
            return new StructureAllouee(s.StructureCode, parAxe, total, s.PremierVersement, total - s.PremierVersement);
        }).ToArray();
        return new AllocationResult(axes, lignes);
    }

    /// <summary>Creates the allocation or replaces its parameters (a simulation only: checked by the caller with <see cref="VieAllocation"/>).</summary>
    public async Task<AllocationRegionaleEntity> EnregistrerAsync(string region, string grille, int annee, ParametresAllocation parametres, string par, DateTime maintenant)
    {
        var allocation = await FindAsync(region, grille, annee);
        if (allocation is null)
        {
            allocation = new AllocationRegionaleEntity { RegionCode = region, Grille = grille, Annee = annee, ModifieePar = par, ModifieeLe = maintenant, Statut = StatutAllocation.Simulation };
            db.AllocationsRegionales.Add(allocation);
            await db.SaveChangesAsync();
        }
        allocation.Enveloppe = parametres.Enveloppe;
        allocation.ModifieeLe = maintenant;
        allocation.ModifieePar = par;
        db.AllocationParts.RemoveRange(db.AllocationParts.Where(p => p.AllocationId == allocation.Id));
        db.AllocationPoids.RemoveRange(db.AllocationPoids.Where(p => p.AllocationId == allocation.Id));
        foreach (var (axe, part) in parametres.Parts)
            db.AllocationParts.Add(new AllocationPartEntity { AllocationId = allocation.Id, RegionCode = region, Axe = axe, Part = part });
        foreach (var ((axe, cle), poids) in parametres.Poids)
            db.AllocationPoids.Add(new AllocationPoidsEntity { AllocationId = allocation.Id, RegionCode = region, Axe = axe, Indicateur = cle, Poids = poids });
        return allocation;
    }

    /// <summary>Records (or, with a null amount, withdraws) the decision of a decided axis for a structure.</summary>
    public async Task DeciderAsync(AllocationRegionaleEntity allocation, string structure, int axe, decimal? montant, string argument, string par, DateTime maintenant)
    {
        var existante = await db.AllocationDecisions.FirstOrDefaultAsync(d => d.AllocationId == allocation.Id && d.Axe == axe && d.StructureCode == structure);
        if (existante is not null) db.AllocationDecisions.Remove(existante);
        if (montant is { } m)
        {
            db.AllocationDecisions.Add(new AllocationDecisionEntity
            {
                AllocationId = allocation.Id, RegionCode = allocation.RegionCode, StructureCode = structure, Axe = axe,
                Montant = m, Argument = argument, DecideeLe = maintenant, DecideePar = par,
            });
        }
        allocation.ModifieeLe = maintenant;
        allocation.ModifieePar = par;
    }

    /// <summary>Votes the allocation: stores the figures computed by <see cref="Allocation"/> as they are, frozen.</summary>
    public async Task VoterAsync(AllocationRegionaleEntity allocation, AllocationResult figures, string deliberation, DateOnly date, string par, DateTime maintenant)
    {
        foreach (var part in await db.AllocationParts.Where(p => p.AllocationId == allocation.Id).ToListAsync())
        {
            var axe = figures.Axes.First(a => a.Axe == part.Axe);
            part.MontantVote = axe.Montant;
            part.NonAttribueVote = axe.NonAttribue;
        }
        foreach (var s in figures.Structures)
        {
            db.AllocationStructures.Add(new AllocationStructureEntity { AllocationId = allocation.Id, RegionCode = allocation.RegionCode, StructureCode = s.Structure, PremierVersement = s.PremierVersement });
            for (var i = 0; i < figures.Axes.Count; i++)
            {
                db.AllocationMontants.Add(new AllocationMontantEntity
                {
                    AllocationId = allocation.Id, RegionCode = allocation.RegionCode, StructureCode = s.Structure, Axe = figures.Axes[i].Axe, Montant = s.ParAxe[i],
                });
            }
        }
        allocation.Deliberation = deliberation;
        allocation.DeliberationLe = date;
        Transition(allocation, StatutAllocation.Votee, par, maintenant, $"délibération n° {deliberation} du {Date(date)}");
    }

    public void Notifier(AllocationRegionaleEntity allocation, DateOnly date, string par, DateTime maintenant)
    {
        allocation.NotifieeLe = date;
        Transition(allocation, StatutAllocation.Notifiee, par, maintenant, $"notifiée le {Date(date)}");
    }

    /// <summary>Withdraws the vote: back to simulation, the voted figures dropped (the parameters and decisions stay).</summary>
    public async Task RetirerVoteAsync(AllocationRegionaleEntity allocation, string par, DateTime maintenant)
    {
        db.AllocationMontants.RemoveRange(db.AllocationMontants.Where(m => m.AllocationId == allocation.Id));
        db.AllocationStructures.RemoveRange(db.AllocationStructures.Where(m => m.AllocationId == allocation.Id));
        foreach (var part in await db.AllocationParts.Where(p => p.AllocationId == allocation.Id).ToListAsync())
        {
            part.MontantVote = null;
            part.NonAttribueVote = null;
        }
        var detail = $"vote retiré (délibération n° {allocation.Deliberation} du {(allocation.DeliberationLe is { } d ? Date(d) : "?")})";
        allocation.Deliberation = null;
        allocation.DeliberationLe = null;
        Transition(allocation, StatutAllocation.Simulation, par, maintenant, detail);
    }

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private void Transition(AllocationRegionaleEntity allocation, StatutAllocation vers, string par, DateTime maintenant, string detail)
    {
        db.AllocationTransitions.Add(new AllocationTransitionEntity
        {
            AllocationId = allocation.Id, RegionCode = allocation.RegionCode, De = allocation.Statut, Vers = vers, Le = maintenant, Par = par, Detail = detail,
        });
        allocation.Statut = vers;
        allocation.ModifieeLe = maintenant;
        allocation.ModifieePar = par;
    }
}
