using Jalon.Domain.Pilotage;

namespace Jalon.Domain.Campagnes;

/// <summary>One line of a campaign's log: every change of a campaign or of a submission, dated and signed.</summary>
public sealed record TransitionCampagne(
    ActionCampagne Action,
    string? Structure,
    string De,
    string Vers,
    DateTimeOffset Le,
    string Par,
    Role Role,
    string? Commentaire);

/// <summary>
/// A CRA campaign of one region for one year and kind, opened by the State (the DREETS agent of the region) with a
/// deadline; closed and reopened by the same. The campaign of year <see cref="Annee"/> reports on
/// <see cref="Exercice"/> (N−1). Every move is logged in <see cref="Journal"/>.
/// </summary>
public sealed class Campagne
{
    private readonly List<TransitionCampagne> _journal = [];

    private Campagne(Guid id, string region, int annee, TypeCampagne type, DateOnly echeance)
    {
        Id = id;
        Region = region;
        Annee = annee;
        Type = type;
        Echeance = echeance;
    }

    public Guid Id { get; }

    /// <summary>INSEE code of the region.</summary>
    public string Region { get; }

    /// <summary>Campaign year N.</summary>
    public int Annee { get; }

    /// <summary>The year reported on: N−1.</summary>
    public int Exercice => Annee - 1;

    public TypeCampagne Type { get; }

    /// <summary>Last day (included) to submit.</summary>
    public DateOnly Echeance { get; private set; }

    public EtatCampagne Etat { get; private set; }

    public IReadOnlyList<TransitionCampagne> Journal => _journal;

    public string Titre => $"{Type.Libelle()} {Annee} — exercice {Exercice}";

    /// <summary>Only the State agent of the region opens, closes, reopens a campaign and sends a submission back.</summary>
    public static bool EstEtatDeLaRegion(Acteur acteur, string region) => acteur.Role == Role.AgentEtatRegional && acteur.Region == region;

    /// <summary>Read access: the region's State agent, ARML and Région, the national State agent and the administrator.</summary>
    public static bool PeutLire(Acteur acteur, string region) => Habilitations.PeutLireTerritoire(acteur, region);

    /// <summary>Opens the campaign of a region; the deadline may not be before <paramref name="aujourdhui"/> (Europe/Paris).</summary>
    public static Campagne Ouvrir(Acteur acteur, string region, int annee, TypeCampagne type, DateOnly echeance, DateOnly aujourdhui,
        DateTimeOffset le, Guid? id = null)
    {
        if (!EstEtatDeLaRegion(acteur, region))
            throw new CampagneException("Seul l'agent de l'État de la région peut ouvrir une campagne de compte rendu d'activité.");
        if (annee is < 2000 or > 2100) throw new CampagneException($"L'année {annee} n'est pas une année de campagne valide.");
        if (!Enum.IsDefined(type)) throw new CampagneException("Type de campagne inconnu.");
        if (echeance < aujourdhui)
            throw new CampagneException($"L'échéance du {echeance:dd/MM/yyyy} est déjà passée : choisissez une date à partir du {aujourdhui:dd/MM/yyyy}.");
        var c = new Campagne(id ?? Guid.NewGuid(), region, annee, type, echeance);
        c._journal.Add(new TransitionCampagne(ActionCampagne.Ouvrir, null, "", EtatCampagne.Ouverte.Libelle(), le, acteur.Nom, acteur.Role,
            $"échéance le {echeance:dd/MM/yyyy}"));
        return c;
    }

    /// <summary>Rebuilds a stored campaign, as saved (storage only: no rule is replayed).</summary>
    public static Campagne Restaurer(Guid id, string region, int annee, TypeCampagne type, DateOnly echeance, EtatCampagne etat,
        IEnumerable<TransitionCampagne> journal)
    {
        var c = new Campagne(id, region, annee, type, echeance) { Etat = etat };
        c._journal.AddRange(journal.OrderBy(t => t.Le));
        return c;
    }

    public void Cloturer(Acteur acteur, DateTimeOffset le)
    {
        ExigerEtat(acteur, "clôturer");
        if (Etat == EtatCampagne.Cloturee) throw new CampagneException("La campagne est déjà clôturée.");
        Etat = EtatCampagne.Cloturee;
        _journal.Add(new TransitionCampagne(ActionCampagne.Cloturer, null, EtatCampagne.Ouverte.Libelle(), Etat.Libelle(), le, acteur.Nom, acteur.Role, null));
    }

    /// <summary>Reopens a closed campaign, with a new deadline if given (not before today).</summary>
    public void Rouvrir(Acteur acteur, DateOnly? nouvelleEcheance, DateOnly aujourdhui, DateTimeOffset le)
    {
        ExigerEtat(acteur, "rouvrir");
        if (Etat == EtatCampagne.Ouverte) throw new CampagneException("La campagne est déjà ouverte.");
        if (nouvelleEcheance is { } e && e < aujourdhui)
            throw new CampagneException($"L'échéance du {e:dd/MM/yyyy} est déjà passée : choisissez une date à partir du {aujourdhui:dd/MM/yyyy}.");
        Etat = EtatCampagne.Ouverte;
        if (nouvelleEcheance is { } n) Echeance = n;
        _journal.Add(new TransitionCampagne(ActionCampagne.Rouvrir, null, EtatCampagne.Cloturee.Libelle(), Etat.Libelle(), le, acteur.Nom, acteur.Role,
            $"échéance le {Echeance:dd/MM/yyyy}"));
    }

    /// <summary>Late: not submitted (never, or sent back and not submitted again) once the deadline has passed.</summary>
    public bool EstEnRetard(EtatSoumission etat, DateOnly aujourdhui) => etat != EtatSoumission.Soumise && aujourdhui > Echeance;

    internal void ExigerOuverte(string quoi)
    {
        if (Etat != EtatCampagne.Ouverte) throw new CampagneException($"La campagne est clôturée : impossible de {quoi}.");
    }

    private void ExigerEtat(Acteur acteur, string quoi)
    {
        if (!EstEtatDeLaRegion(acteur, Region))
            throw new CampagneException($"Seul l'agent de l'État de la région peut {quoi} la campagne.");
    }
}
