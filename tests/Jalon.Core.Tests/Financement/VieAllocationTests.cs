using Jalon.Indicators.Financement;

namespace Jalon.Core.Tests.Financement;

/// <summary>The rules of an allocation's life and of its parameters (docs/financement-region.md, « La vie de l'allocation »).</summary>
public class VieAllocationTests
{
    [Fact]
    public void The_shares_of_the_axes_replace_the_grids_when_they_add_up_to_exactly_one()
    {
        var problemes = new List<string>();
        var grille = VieAllocation.AvecParts(AllocationTests.Grille, new Dictionary<int, decimal> { [1] = 0.6m, [2] = 0.3m, [3] = 0.1m }, problemes);
        Assert.Empty(problemes);
        Assert.Equal([0.6m, 0.3m, 0.1m], grille.Axes.Select(a => a.Part));
        Assert.Equal(AllocationTests.Grille.Axes.Select(a => a.Indicateurs), grille.Axes.Select(a => a.Indicateurs));

        var refus = VieAllocation.AvecParts(AllocationTests.Grille, new Dictionary<int, decimal> { [1] = 0.6m, [2] = 0.35m, [3] = 0.1m }, problemes);
        Assert.Same(AllocationTests.Grille, refus);
        Assert.Equal("Les parts des axes font 105 % : elles doivent faire exactement 100 %.", Assert.Single(problemes));

        problemes.Clear();
        VieAllocation.AvecParts(AllocationTests.Grille, new Dictionary<int, decimal> { [1] = 1.2m, [2] = 0.00001m }, problemes);
        Assert.Equal(["Part de l'axe 1 invalide : 120 % (entre 0 et 100 %, au plus 2 décimales en pourcentage).",
            "Part de l'axe 2 invalide : 0,001 % (entre 0 et 100 %, au plus 2 décimales en pourcentage).", "Part de l'axe 3 manquante."], problemes);
    }

    [Fact]
    public void Weights_and_amounts_are_checked_in_french()
    {
        var problemes = new List<string>();
        VieAllocation.VerifierPoids(AllocationTests.Grille, new Dictionary<(int, string), decimal> { [(1, "RG2")] = 2, [(1, "RG5")] = 1, [(2, "RG6")] = -1 }, problemes);
        Assert.Equal(["Poids de RG5 : indicateur hors de l'axe 1.", "Poids de RG6 invalide : -1 (un nombre positif ou nul, au plus 4 décimales)."], problemes);
        Assert.Null(VieAllocation.RefusMontant("Enveloppe", 1500000.50m));
        Assert.Equal("Enveloppe : au plus 2 décimales (des centimes).", VieAllocation.RefusMontant("Enveloppe", 1.005m));
        Assert.Equal("Enveloppe : le montant doit être positif ou nul.", VieAllocation.RefusMontant("Enveloppe", -1));
        Assert.StartsWith("Enveloppe : un montant en euros est attendu", VieAllocation.RefusMontant("Enveloppe", null));
    }

    [Fact]
    public void Only_a_simulation_changes_a_vote_needs_its_deliberation_and_a_notification_follows_it()
    {
        Assert.Null(VieAllocation.RefusModification(StatutAllocation.Simulation));
        Assert.StartsWith("L'allocation est votée : ses montants sont figés.", VieAllocation.RefusModification(StatutAllocation.Votee));
        Assert.NotNull(VieAllocation.RefusModification(StatutAllocation.Notifiee));

        var le = new DateOnly(2017, 3, 15);
        Assert.Null(VieAllocation.RefusVote(StatutAllocation.Simulation, "CP 2017-042", le));
        Assert.Equal("Indiquez le numéro de la délibération.", VieAllocation.RefusVote(StatutAllocation.Simulation, " ", le));
        Assert.Equal("Indiquez la date de la délibération (jj/mm/aaaa).", VieAllocation.RefusVote(StatutAllocation.Simulation, "CP 1", null));
        Assert.Equal("L'allocation est déjà votée.", VieAllocation.RefusVote(StatutAllocation.Votee, "CP 1", le));

        Assert.Equal("L'allocation doit être votée avant d'être notifiée.", VieAllocation.RefusNotification(StatutAllocation.Simulation, null, le));
        Assert.Equal("La notification ne peut pas précéder la délibération du 15/03/2017.", VieAllocation.RefusNotification(StatutAllocation.Votee, le, le.AddDays(-1)));
        Assert.Null(VieAllocation.RefusNotification(StatutAllocation.Votee, le, le));
        Assert.Equal("L'allocation est déjà notifiée.", VieAllocation.RefusNotification(StatutAllocation.Notifiee, le, le));

        Assert.Null(VieAllocation.RefusRetour(StatutAllocation.Votee));
        Assert.NotNull(VieAllocation.RefusRetour(StatutAllocation.Simulation));
        Assert.NotNull(VieAllocation.RefusRetour(StatutAllocation.Notifiee));
    }
}
