using Jalon.Storage.Pilotage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The tables of the dialogue de gestion and the CPO financing (src/Jalon.Storage/Pilotage).</summary>
public partial class JalonDbContext
{
    public DbSet<DialogueEntity> Dialogues => Set<DialogueEntity>();
    public DbSet<DialogueTransitionEntity> DialogueTransitions => Set<DialogueTransitionEntity>();
    public DbSet<DialogueReleveEntity> DialogueReleves => Set<DialogueReleveEntity>();
    public DbSet<ConventionEntity> Conventions => Set<ConventionEntity>();
    public DbSet<DecisionFinancementEntity> DecisionsFinancement => Set<DecisionFinancementEntity>();
}
