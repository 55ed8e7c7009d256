using Jalon.Referentiels;

namespace Jalon.Domain.Employeurs;

/// <summary>How far a young person is ready to travel for a job: the widest area around their commune.</summary>
public enum Mobilite : byte
{
    /// <summary>Their own commune only.</summary>
    Commune,

    /// <summary>Their intercommunalité (EPCI).</summary>
    Intercommunalite,

    /// <summary>Their department.</summary>
    Departement,

    /// <summary>Their region.</summary>
    Region,
}

/// <summary>What a young person looks for (their file's « recherche d'emploi »): up to three ROME occupations, their mobility, from when.</summary>
public sealed record RechercheEmploi(string JeuneId, IReadOnlyList<string> Romes, string? Commune, Mobilite Mobilite, DateOnly? DisponibleLe, bool EnEmploi);

/// <summary>An offer as matching reads it.</summary>
public sealed record OffreCritere(long OffreId, string Rome, string Commune, StatutOffre Statut, DateOnly? DebutSouhaite);

/// <summary>How well an occupation fits: the same fiche ROME, or the same domaine professionnel (e.g. G16 « cuisine »).</summary>
public enum AccordMetier : byte { MemeMetier, MemeDomaine }

/// <summary>
/// One fit between an offer and a young person: the occupation (<see cref="Metier"/>) and the smallest area of the young
/// person's mobility that holds the offer's commune (<see cref="Distance"/>: same commune before same EPCI…).
/// </summary>
public sealed record Appariement(string JeuneId, long OffreId, AccordMetier Metier, Mobilite Distance);

/// <summary>
/// Matching both ways (the seed 000 counsellors' « requêtes utilisables par tous les conseillers pour mobiliser leur
/// portefeuille »): from an offer, the structure's young people whose sought occupation, commune and mobility, and
/// availability fit; from a young person, the open offers that fit. Best fits first: same occupation before same
/// domain, then nearer before farther. Pure: the communes come from the embedded COG.
/// </summary>
public static class Apparier
{
    /// <summary>The young people who fit an offer (none when the offer is not open).</summary>
    public static IReadOnlyList<Appariement> JeunesPour(OffreCritere offre, IEnumerable<RechercheEmploi> jeunes, DateOnly today, InseeData insee)
    {
        if (offre.Statut != StatutOffre.Ouverte) return [];
        return Sort(jeunes.Select(j => Fit(offre, j, today, insee)).OfType<Appariement>());
    }

    /// <summary>The open offers that fit a young person.</summary>
    public static IReadOnlyList<Appariement> OffresPour(RechercheEmploi jeune, IEnumerable<OffreCritere> offres, DateOnly today, InseeData insee) =>
        Sort(offres.Where(o => o.Statut == StatutOffre.Ouverte).Select(o => Fit(o, jeune, today, insee)).OfType<Appariement>());

    /// <summary>The fit of one young person and one offer, or null: occupation, then area, then availability.</summary>
    public static Appariement? Fit(OffreCritere offre, RechercheEmploi jeune, DateOnly today, InseeData insee)
    {
        AccordMetier? metier = null;
        foreach (var rome in jeune.Romes)
        {
            if (string.Equals(rome, offre.Rome, StringComparison.Ordinal)) metier = AccordMetier.MemeMetier;
            else if (metier is null && rome.Length == 5 && offre.Rome.Length == 5 && rome.AsSpan(0, 3).SequenceEqual(offre.Rome.AsSpan(0, 3)))
                metier = AccordMetier.MemeDomaine;
        }
        if (metier is not { } m) return null;
        if (Distance(jeune.Commune, offre.Commune, insee) is not { } distance || distance > jeune.Mobilite) return null;
        // Available: not in a job now, and free by the day the employer wants someone (or today).
        if (jeune.EnEmploi) return null;
        var needed = offre.DebutSouhaite is { } d && d > today ? d : today;
        if (jeune.DisponibleLe is { } from && from > needed) return null;
        return new Appariement(jeune.JeuneId, offre.OffreId, m, distance);
    }

    /// <summary>The smallest area that holds both communes, or null when a commune is unknown (former communes count as their current one).</summary>
    public static Mobilite? Distance(string? communeJeune, string? communeOffre, InseeData insee)
    {
        if (communeJeune is null || communeOffre is null) return null;
        if (insee.Current(communeJeune) is not { } a || insee.Current(communeOffre) is not { } b) return null;
        if (a.Code == b.Code) return Mobilite.Commune;
        if (a.Epci.Length > 0 && a.Epci == b.Epci) return Mobilite.Intercommunalite;
        if (a.Departement == b.Departement) return Mobilite.Departement;
        if (a.Region == b.Region) return Mobilite.Region;
        return null;
    }

    private static List<Appariement> Sort(IEnumerable<Appariement> fits) =>
        [.. fits.OrderBy(f => f.Metier).ThenBy(f => f.Distance).ThenBy(f => f.JeuneId, StringComparer.Ordinal).ThenBy(f => f.OffreId)];
}
