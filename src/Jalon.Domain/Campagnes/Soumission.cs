using System.Globalization;
using Jalon.Domain.Pilotage;

namespace Jalon.Domain.Campagnes;

/// <summary>A frozen version of a submission: what was submitted, numbered from 1, never changed afterwards.</summary>
public sealed record VersionFigee(int Numero, DateTimeOffset Le, string Par, ContenuCampagne Contenu);

/// <summary>
/// A Mission Locale's submission to a campaign: à remplir → soumise → renvoyée pour correction → soumise… The director
/// fills the free fields and submits; each submission freezes the campaign's content as a new numbered version. The
/// State agent of the region sends a submitted one back with a comment. Nothing moves while the campaign is closed.
/// </summary>
public sealed class Soumission
{
    private readonly Dictionary<string, string> _champs = new(StringComparer.Ordinal);
    private readonly List<TransitionCampagne> _journal = [];

    private Soumission(Guid id, Guid campagneId, string structure)
    {
        Id = id;
        CampagneId = campagneId;
        Structure = structure;
    }

    public Guid Id { get; }
    public Guid CampagneId { get; }
    public string Structure { get; }
    public EtatSoumission Etat { get; private set; }

    /// <summary>Number of the last frozen version (0 = never submitted).</summary>
    public int DerniereVersion { get; private set; }

    /// <summary>The free fields as typed by the Mission Locale (current draft).</summary>
    public IReadOnlyDictionary<string, string> Champs => _champs;

    /// <summary>The moves of this submission (appended; the stored log keeps the older ones).</summary>
    public IReadOnlyList<TransitionCampagne> Journal => _journal;

    public static Soumission Nouvelle(Guid campagneId, string structure, Guid? id = null) => new(id ?? Guid.NewGuid(), campagneId, structure);

    public static Soumission Restaurer(Guid id, Guid campagneId, string structure, EtatSoumission etat, int derniereVersion,
        IReadOnlyDictionary<string, string> champs, IEnumerable<TransitionCampagne> journal)
    {
        var s = new Soumission(id, campagneId, structure) { Etat = etat, DerniereVersion = derniereVersion };
        foreach (var (k, v) in champs) s._champs[k] = v;
        s._journal.AddRange(journal.OrderBy(t => t.Le));
        return s;
    }

    /// <summary>The director of this Mission Locale acts on its submission.</summary>
    public bool EstDirecteur(Acteur acteur) => acteur.Role == Role.Directeur && acteur.Structure == Structure;

    /// <summary>The director may fill in and submit: campaign open, submission to fill or sent back.</summary>
    public bool Modifiable(Campagne campagne) => campagne.Etat == EtatCampagne.Ouverte && Etat != EtatSoumission.Soumise;

    /// <summary>
    /// Saves the free fields typed by the director. Returns the problems (field, message), nothing saved if any: a date
    /// jj/mm/aaaa, an amount in euros, a text of at most <see cref="ReferentielCampagnes.TexteMax"/> characters.
    /// </summary>
    public IReadOnlyList<(string Champ, string Message)> Enregistrer(Acteur acteur, Campagne campagne, IReadOnlyDictionary<string, string?> saisie, DateTimeOffset le)
    {
        ExigerDirecteur(acteur, "remplir");
        ExigerModifiable(campagne, "modifier la saisie");
        var (valeurs, problemes) = Valider(campagne.Type, saisie);
        if (problemes.Count > 0) return problemes;
        _champs.Clear();
        foreach (var (k, v) in valeurs) _champs[k] = v;
        _journal.Add(new TransitionCampagne(ActionCampagne.Enregistrer, Structure, Etat.Libelle(), Etat.Libelle(), le, acteur.Nom, acteur.Role, null));
        return [];
    }

    /// <summary>Submits: freezes <paramref name="contenu"/> (what Jalon computes now plus the free fields) as the next version.</summary>
    public VersionFigee Soumettre(Acteur acteur, Campagne campagne, ContenuCampagne contenu, DateTimeOffset le)
    {
        ExigerDirecteur(acteur, "soumettre");
        ExigerModifiable(campagne, "soumettre");
        if (contenu.Champs.Count != _champs.Count || contenu.Champs.Any(c => !_champs.TryGetValue(c.Key, out var v) || v != c.Value))
            throw new ArgumentException("Le contenu soumis doit reprendre les champs enregistrés.", nameof(contenu));
        var de = Etat;
        Etat = EtatSoumission.Soumise;
        DerniereVersion++;
        _journal.Add(new TransitionCampagne(ActionCampagne.Soumettre, Structure, de.Libelle(), Etat.Libelle(), le, acteur.Nom, acteur.Role,
            $"version {DerniereVersion}"));
        return new VersionFigee(DerniereVersion, le, acteur.Nom, contenu);
    }

    /// <summary>The State agent of the region sends a submitted version back for correction; the comment is required.</summary>
    public void Renvoyer(Acteur acteur, Campagne campagne, string? commentaire, DateTimeOffset le)
    {
        if (!Campagne.EstEtatDeLaRegion(acteur, campagne.Region))
            throw new CampagneException("Seul l'agent de l'État de la région peut renvoyer une soumission pour correction.");
        campagne.ExigerOuverte("renvoyer une soumission");
        if (Etat != EtatSoumission.Soumise) throw new CampagneException("Seule une soumission soumise peut être renvoyée pour correction.");
        if (string.IsNullOrWhiteSpace(commentaire)) throw new CampagneException("Indiquez ce qu'il faut corriger : le commentaire est obligatoire.");
        if (commentaire.Length > ReferentielCampagnes.TexteMax)
            throw new CampagneException($"Le commentaire dépasse {ReferentielCampagnes.TexteMax} caractères.");
        Etat = EtatSoumission.RenvoyeePourCorrection;
        _journal.Add(new TransitionCampagne(ActionCampagne.Renvoyer, Structure, EtatSoumission.Soumise.Libelle(), Etat.Libelle(), le, acteur.Nom, acteur.Role,
            commentaire.Trim()));
    }

    /// <summary>Checks and normalises the free fields of a campaign kind (unknown keys ignored, empty values dropped).</summary>
    public static (Dictionary<string, string> Valeurs, List<(string Champ, string Message)> Problemes) Valider(TypeCampagne type,
        IReadOnlyDictionary<string, string?> saisie)
    {
        var valeurs = new Dictionary<string, string>(StringComparer.Ordinal);
        var problemes = new List<(string, string)>();
        foreach (var champ in ReferentielCampagnes.Champs(type))
        {
            if (!saisie.TryGetValue(champ.Cle, out var brut) || string.IsNullOrWhiteSpace(brut)) continue;
            var texte = brut.Trim();
            switch (champ.Nature)
            {
                case NatureChamp.Date:
                    if (LireDate(texte) is { } d) valeurs[champ.Cle] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else problemes.Add((champ.Cle, $"{champ.Libelle} : « {texte} » n'est pas une date (jj/mm/aaaa)."));
                    break;
                case NatureChamp.Montant:
                    if (LireMontant(texte) is { } m && m >= 0) valeurs[champ.Cle] = m.ToString(CultureInfo.InvariantCulture);
                    else problemes.Add((champ.Cle, $"{champ.Libelle} : « {texte} » n'est pas un montant positif en euros (par exemple 1 234 567,89)."));
                    break;
                default:
                    if (texte.Length > ReferentielCampagnes.TexteMax)
                        problemes.Add((champ.Cle, $"{champ.Libelle} : {texte.Length} caractères, au plus {ReferentielCampagnes.TexteMax}."));
                    else valeurs[champ.Cle] = texte;
                    break;
            }
        }
        return (valeurs, problemes);
    }

    public static DateOnly? LireDate(string texte) =>
        DateOnly.TryParseExact(texte, ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static decimal? LireMontant(string texte)
    {
        var t = texte.Replace("€", "").Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) ? m : null;
    }

    private void ExigerDirecteur(Acteur acteur, string quoi)
    {
        if (!EstDirecteur(acteur)) throw new CampagneException($"Seul le directeur de la Mission locale peut {quoi} sa campagne.");
    }

    private void ExigerModifiable(Campagne campagne, string quoi)
    {
        campagne.ExigerOuverte(quoi);
        if (Etat == EtatSoumission.Soumise)
            throw new CampagneException($"La campagne a été soumise : impossible de {quoi} tant que l'État ne l'a pas renvoyée pour correction.");
    }
}
