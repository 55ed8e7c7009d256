using Jalon.Referentiels;

namespace Jalon.Domain.Structures;

/// <summary>Employed by the structure, or made available / seconded by another body (BRH B and C).</summary>
public enum StatutPersonnel : byte { Salarie, MisADisposition }

public enum ContratPersonnel : byte { Cdi, Cdd }

/// <summary>The job, as the staff table breaks down FTE (A31…A35, with the « dont » rows of A31).</summary>
public enum Metier : byte
{
    /// <summary>Chargé(e) d'accueil (A311, in A31).</summary>
    Accueil,

    /// <summary>Conseiller(ère) niveaux 1 et 2 (A312, in A31).</summary>
    Conseiller,

    /// <summary>Chargé(e) de projets (A313, in A31).</summary>
    ChargeProjets,

    /// <summary>Other insertion sociale et professionnelle job (A31 only).</summary>
    InsertionAutre,

    /// <summary>Information, communication (A32).</summary>
    Communication,

    /// <summary>Gestion (A33).</summary>
    Gestion,

    /// <summary>Encadrement (A34).</summary>
    Encadrement,

    /// <summary>Not specific to the branch (A35).</summary>
    Autre,
}

/// <summary>The body a person made available comes from (C31…C35).</summary>
public enum CorpsOrigine : byte { FranceTravail, Collectivite, Administration, Greta, Autre }

/// <summary>
/// A person of the staff register: who works at the structure, in which job, for how many FTE, at which site, with which
/// login account if any. Pre-fills the staff table (<see cref="BrhPrefill"/>) and serves the sites and the per-counsellor
/// view. <see cref="ContratAide"/>: a salaried person on an assisted contract (B31).
/// </summary>
public sealed record MembrePersonnel(
    string Id,
    string Nom,
    Sexe Sexe,
    StatutPersonnel Statut,
    ContratPersonnel Contrat,
    bool TempsPlein,
    decimal Etp,
    Metier Metier,
    DateOnly Debut,
    DateOnly? Fin = null,
    bool ContratAide = false,
    CorpsOrigine? Origine = null,
    string? Site = null,
    int? UserId = null)
{
    public bool IsActiveOn(DateOnly day) => Debut <= day && (Fin is null || day <= Fin.Value);
}

/// <summary>Pre-fills the staff table of a year from the staff register (the people present on 31 December).</summary>
public static class BrhPrefill
{
    public static IReadOnlyList<BrhLigne> From(IEnumerable<MembrePersonnel> register, int structure, int annee)
    {
        var day = new DateOnly(annee, 12, 31);
        var people = register.Where(p => p.IsActiveOn(day)).ToList();
        var rows = new List<BrhLigne>();
        void Add(string code, Func<MembrePersonnel, bool> who, bool etp = false)
        {
            decimal Sum(Sexe? sexe) => people.Where(p => who(p) && (sexe is null || p.Sexe == sexe)).Sum(p => etp ? p.Etp : 1m);
            rows.Add(new BrhLigne(structure, annee, code, Sum(Sexe.F), Sum(Sexe.H), Sum(null)));
        }
        foreach (var (prefix, statut) in new[] { ("B", StatutPersonnel.Salarie), ("C", StatutPersonnel.MisADisposition), ("A", (StatutPersonnel?)null) }
                     .Select(x => (x.Item1, (StatutPersonnel?)x.Item2)))
        {
            bool In(MembrePersonnel p) => statut is null || p.Statut == statut;
            Add(prefix + "1", In);
            Add(prefix + "11", p => In(p) && p.Contrat == ContratPersonnel.Cdi);
            Add(prefix + "111", p => In(p) && p.Contrat == ContratPersonnel.Cdi && p.TempsPlein);
            Add(prefix + "112", p => In(p) && p.Contrat == ContratPersonnel.Cdi && !p.TempsPlein);
            Add(prefix + "12", p => In(p) && p.Contrat == ContratPersonnel.Cdd);
            Add(prefix + "121", p => In(p) && p.Contrat == ContratPersonnel.Cdd && p.TempsPlein);
            Add(prefix + "122", p => In(p) && p.Contrat == ContratPersonnel.Cdd && !p.TempsPlein);
            Add(prefix + "2", In, etp: true);
        }
        Add("B3", p => p.Statut == StatutPersonnel.Salarie && p.ContratAide);
        Add("B31", p => p.Statut == StatutPersonnel.Salarie && p.ContratAide);
        foreach (var code in new[] { "B32", "B33", "B34", "B35", "B36" }) Add(code, _ => false);
        Add("C21", p => p.Statut == StatutPersonnel.MisADisposition && p.Origine == CorpsOrigine.FranceTravail, etp: true);
        var origines = new[] { CorpsOrigine.FranceTravail, CorpsOrigine.Collectivite, CorpsOrigine.Administration, CorpsOrigine.Greta, CorpsOrigine.Autre };
        for (var i = 0; i < origines.Length; i++)
        {
            var origine = origines[i];
            Add("C3" + (i + 1), p => p.Statut == StatutPersonnel.MisADisposition && (p.Origine ?? CorpsOrigine.Autre) == origine);
        }
        static bool Insertion(Metier m) => m is Metier.Accueil or Metier.Conseiller or Metier.ChargeProjets or Metier.InsertionAutre;
        Add("A31", p => Insertion(p.Metier), etp: true);
        Add("A311", p => p.Metier == Metier.Accueil, etp: true);
        Add("A312", p => p.Metier == Metier.Conseiller, etp: true);
        Add("A313", p => p.Metier == Metier.ChargeProjets, etp: true);
        Add("A32", p => p.Metier == Metier.Communication, etp: true);
        Add("A33", p => p.Metier == Metier.Gestion, etp: true);
        Add("A34", p => p.Metier == Metier.Encadrement, etp: true);
        Add("A35", p => p.Metier == Metier.Autre, etp: true);
        return rows.OrderBy(r => BrhCodes.RankOf(r.Code)).ToList();
    }
}
