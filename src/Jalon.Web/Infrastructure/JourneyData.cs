using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure;

/// <summary>A young person's file loaded from the database: the entity and every event of the journey.</summary>
public sealed class JourneyData
{
    public required JeuneEntity Jeune { get; init; }
    public List<ContactEntity> Contacts { get; init; } = [];
    public List<OrientationEntity> Orientations { get; init; } = [];
    public List<ParcoursEntity> Parcours { get; init; } = [];
    public List<PropositionEntity> Propositions { get; init; } = [];
    public List<SituationEntity> Situations { get; init; } = [];
    public List<DroitEntity> Droits { get; init; } = [];
    public List<ParrainageEntity> Parrainages { get; init; } = [];

    public static async Task<JourneyData> LoadAsync(JalonDbContext db, JeuneEntity jeune)
    {
        var s = jeune.StructureCode;
        var j = jeune.JeuneId;
        return new JourneyData
        {
            Jeune = jeune,
            Contacts = await db.Contacts.AsNoTracking().Include(c => c.DiagnosticDomaines).Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Orientations = await db.Orientations.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Parcours = await db.Parcours.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Propositions = await db.Propositions.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Situations = await db.Situations.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Droits = await db.Droits.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
            Parrainages = await db.Parrainages.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == j).OrderBy(e => e.Id).ToListAsync(),
        };
    }

    public static Jeune ToDomain(JeuneEntity e) =>
        new(0, e.JeuneId, e.Naissance, e.Sexe, e.Niveau, e.Diplome, e.Commune, e.Qpv, e.Zrr, e.PremierAccueil);

    /// <summary>The pure domain view of this journey (the input of the alerts).</summary>
    public JeuneJourney Journey() => new(
        0,
        ToDomain(Jeune),
        Contacts.Select(c => new Contact(0, c.Date, c.Mode, c.Diagnostic)).ToArray(),
        Orientations.Select(o => new Orientation(0, o.Date, o.Operateur)).ToArray(),
        Parcours.Select(p => new Parcours(0, p.Dispositif, p.Debut, p.Fin, p.MotifFin, p.Neet, p.Amont, p.Rqth)).ToArray(),
        Propositions.Select(p => new Proposition(0, p.Date, p.Theme)).ToArray(),
        Situations.Select(s => new Situation(0, s.Type, s.Debut, s.Fin, s.DureePrevueJours)).ToArray(),
        Droits.Select(d => new Droit(0, d.Date, d.Domaine)).ToArray(),
        Parrainages.Select(p => new Parrainage(0, p.Debut, p.Fin)).ToArray());
}
