using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Employeurs;

/// <summary>A change of the employer side refused, with the French message that says what to fix.</summary>
public sealed class EmployeurException(string message) : InvalidOperationException(message);

/// <summary>
/// The writes of the employer side (docs/employeurs.md), on both databases, each checked by the domain's rules and
/// saved in one transaction. A MER is recorded as one proposal of the journey plus its employer link; a hire opens the
/// job situation once (or links the one already recorded). The callers (web, import) write the audit log.
/// </summary>
public static class EmployeurStore
{
    public static EntrepriseEntity AjouterEntreprise(
        JalonDbContext db, string structure, string siret, string nom, string? naf, TailleEntreprise? taille, string? commune, DateOnly today,
        string? contactNom = null, string? contactFonction = null, string? contactTelephone = null, string? contactEmail = null)
    {
        if (Siret.Error(siret) is { } siretError) throw new EmployeurException(siretError);
        var normalized = Siret.Normalize(siret)!;
        if (string.IsNullOrWhiteSpace(nom)) throw new EmployeurException("Indiquez le nom de l'entreprise.");
        string? nafCode = null;
        if (!string.IsNullOrWhiteSpace(naf))
        {
            var found = Naf.Find(naf);
            if (found is null || found.Niveau != NafNiveau.SousClasse)
                throw new EmployeurException($"Code NAF « {naf} » inconnu : indiquez le code APE à 5 caractères (ex. 56.10A).");
            nafCode = found.Code;
        }
        if (!string.IsNullOrWhiteSpace(commune) && InseeData.Instance.Current(commune) is null)
            throw new EmployeurException($"Commune « {commune} » inconnue : indiquez son code INSEE (5 caractères).");
        if (db.Entreprises.Any(e => e.StructureCode == structure && e.Siret == normalized))
            throw new EmployeurException($"L'entreprise de SIRET {normalized} est déjà enregistrée.");
        var entreprise = new EntrepriseEntity
        {
            StructureCode = structure, Siret = normalized, Nom = nom.Trim(), Naf = nafCode, Taille = taille,
            Commune = string.IsNullOrWhiteSpace(commune) ? null : commune, CreeLe = today,
            ContactNom = Blank(contactNom), ContactFonction = Blank(contactFonction), ContactTelephone = Blank(contactTelephone), ContactEmail = Blank(contactEmail),
        };
        db.Entreprises.Add(entreprise);
        db.SaveChanges();
        return entreprise;
    }

    public static EchangeEntrepriseEntity AjouterEchange(
        JalonDbContext db, string structure, long entrepriseId, DateOnly date, ModeEchange mode, ObjetEchange objet, int? auteurId, string? note)
    {
        Entreprise(db, structure, entrepriseId);
        var echange = new EchangeEntrepriseEntity
        {
            StructureCode = structure, EntrepriseId = entrepriseId, Date = date, Mode = mode, Objet = objet, AuteurId = auteurId, Note = Blank(note),
        };
        db.EchangesEntreprises.Add(echange);
        db.SaveChanges();
        return echange;
    }

    public static OffreEntity AjouterOffre(
        JalonDbContext db, string structure, long entrepriseId, string intitule, string rome, TypeContrat contrat, int? dureeMois, int? heuresHebdo,
        string commune, DateOnly recueLe, DateOnly? debutSouhaite = null, int postes = 1)
    {
        Entreprise(db, structure, entrepriseId);
        if (string.IsNullOrWhiteSpace(intitule)) throw new EmployeurException("Indiquez l'intitulé de l'offre.");
        if (!Rome.IsWellFormed(rome)) throw new EmployeurException($"Code ROME « {rome} » mal formé : une lettre de A à N puis quatre chiffres (ex. G1602).");
        if (InseeData.Instance.Current(commune) is null) throw new EmployeurException($"Commune « {commune} » inconnue : indiquez son code INSEE (5 caractères).");
        if (contrat == TypeContrat.Cdi && dureeMois is not null) throw new EmployeurException("Un CDI n'a pas de durée.");
        if (contrat != TypeContrat.Cdi && dureeMois is not > 0) throw new EmployeurException("Indiquez la durée du contrat en mois.");
        if (heuresHebdo is < 1 or > 48) throw new EmployeurException("La durée hebdomadaire est comprise entre 1 et 48 heures.");
        if (postes < 1) throw new EmployeurException("Une offre compte au moins un poste.");
        var offre = new OffreEntity
        {
            StructureCode = structure, EntrepriseId = entrepriseId, Intitule = intitule.Trim(), Rome = rome, Contrat = contrat, DureeMois = dureeMois,
            HeuresHebdo = heuresHebdo, Commune = commune, RecueLe = recueLe, DebutSouhaite = debutSouhaite, Postes = postes, Statut = StatutOffre.Ouverte,
        };
        db.Offres.Add(offre);
        db.SaveChanges();
        return offre;
    }

    /// <summary>Closes an open offer: withdrawn, expired, or filled through another channel.</summary>
    public static void CloreOffre(JalonDbContext db, string structure, long offreId, StatutOffre statut, DateOnly le)
    {
        var offre = Offre(db, structure, offreId);
        if (offre.Statut != StatutOffre.Ouverte) throw new EmployeurException("Cette offre n'est plus ouverte.");
        if (statut == StatutOffre.Ouverte) throw new EmployeurException("Choisissez pourquoi l'offre est close.");
        offre.Statut = statut;
        offre.StatutLe = le;
        offre.Pourvoi = statut == StatutOffre.Pourvue ? ModePourvoi.AutreCanal : null;
        db.SaveChanges();
    }

    /// <summary>
    /// Records a MER: one proposal of the young person's journey (theme of the MER's type, entered in Jalon) and its
    /// employer link — on an open offer of the structure (its company), on a company, or on another body.
    /// </summary>
    public static MiseEnRelationEntity MettreEnRelation(
        JalonDbContext db, string structure, string jeuneId, TypeMiseEnRelation type, DateOnly date, long? offreId = null, long? entrepriseId = null,
        string? organisme = null)
    {
        if (!db.Jeunes.Any(j => j.StructureCode == structure && j.JeuneId == jeuneId)) throw new EmployeurException("Jeune introuvable dans cette structure.");
        if (offreId is { } o)
        {
            var offre = Offre(db, structure, o);
            if (offre.Statut != StatutOffre.Ouverte) throw new EmployeurException("Cette offre n'est plus ouverte : la mise en relation est impossible.");
            if (type != TypeMiseEnRelation.Emploi) throw new EmployeurException("Une mise en relation sur une offre d'emploi est de type emploi.");
            if (date < offre.RecueLe) throw new EmployeurException("La mise en relation ne peut pas précéder la réception de l'offre.");
            if (db.MisesEnRelation.Any(m => m.StructureCode == structure && m.OffreId == o && m.JeuneId == jeuneId && m.Issue == null))
                throw new EmployeurException("Ce jeune est déjà mis en relation sur cette offre, sans issue encore.");
            entrepriseId = offre.EntrepriseId;
        }
        else if (entrepriseId is { } e) Entreprise(db, structure, e);
        else if (string.IsNullOrWhiteSpace(organisme)) throw new EmployeurException("Indiquez l'offre, l'entreprise ou l'organisme de la mise en relation.");

        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        var proposition = new PropositionEntity
        {
            StructureCode = structure, JeuneId = jeuneId, Date = date, Theme = EmployeurRules.ThemeOf(type), Origine = OrigineEvenement.Saisie,
        };
        db.Propositions.Add(proposition);
        db.SaveChanges();
        var mer = new MiseEnRelationEntity
        {
            StructureCode = structure, JeuneId = jeuneId, PropositionId = proposition.Id, Type = type, OffreId = offreId, EntrepriseId = entrepriseId,
            Organisme = offreId is null && entrepriseId is null ? organisme!.Trim() : null,
        };
        db.MisesEnRelation.Add(mer);
        db.SaveChanges();
        transaction?.Commit();
        return mer;
    }

    /// <summary>
    /// Records the outcome of a MER. A hire opens the job situation of the offer's contract (or of
    /// <paramref name="contrat"/> without an offer) from <paramref name="debutEmploi"/> — unless the journey already has a
    /// situation of that type starting that day, which the MER then points to: the hire is never entered twice. An offer
    /// whose positions are all taken by hires becomes filled « par mise en relation ». Returns the job situation, if any.
    /// </summary>
    public static SituationEntity? EnregistrerIssue(
        JalonDbContext db, string structure, long merId, IssueMiseEnRelation issue, DateOnly issueLe, DateOnly? debutEmploi = null, TypeContrat? contrat = null)
    {
        var mer = db.MisesEnRelation.SingleOrDefault(m => m.StructureCode == structure && m.Id == merId)
            ?? throw new EmployeurException("Mise en relation introuvable dans cette structure.");
        if (mer.Issue is not null) throw new EmployeurException("L'issue de cette mise en relation est déjà enregistrée.");
        var proposition = db.Propositions.Single(p => p.Id == mer.PropositionId);
        if (EmployeurRules.IssueError(mer.Type, proposition.Date, issue, issueLe) is { } error) throw new EmployeurException(error);

        // Everything is checked before anything changes: a refused outcome leaves the tracked MER as it was.
        OffreEntity? offre = null;
        var type = default(TypeSituation);
        var debut = issueLe;
        SituationEntity? existing = null;
        if (issue == IssueMiseEnRelation.Embauche)
        {
            offre = mer.OffreId is { } o ? Offre(db, structure, o) : null;
            type = EmployeurRules.SituationOf(offre?.Contrat ?? contrat
                ?? throw new EmployeurException("Indiquez le contrat de l'embauche (la mise en relation n'est pas sur une offre)."));
            debut = debutEmploi ?? offre?.DebutSouhaite ?? issueLe;
            if (debut < proposition.Date) throw new EmployeurException("L'emploi ne peut pas commencer avant la mise en relation.");
            existing = Embauches.Existante(db, structure, mer.JeuneId, type, debut);
        }

        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        mer.Issue = issue;
        mer.IssueLe = issueLe;
        SituationEntity? situation = null;
        if (issue == IssueMiseEnRelation.Embauche)
        {
            situation = existing;
            if (situation is null)
            {
                int? jours = offre?.DureeMois is { } mois ? debut.AddMonths(mois).DayNumber - debut.DayNumber : null;
                situation = new SituationEntity
                {
                    StructureCode = structure, JeuneId = mer.JeuneId, Type = type, Debut = debut, DureePrevueJours = jours, Origine = OrigineEvenement.Saisie,
                };
                db.Situations.Add(situation);
                db.SaveChanges();
            }
            mer.SituationId = situation.Id;
            if (offre is not null)
            {
                var embauches = db.MisesEnRelation.Count(m => m.StructureCode == structure && m.OffreId == offre.Id && m.Issue == IssueMiseEnRelation.Embauche && m.Id != mer.Id) + 1;
                if (embauches >= offre.Postes)
                {
                    offre.Statut = StatutOffre.Pourvue;
                    offre.StatutLe = issueLe;
                    offre.Pourvoi = ModePourvoi.MiseEnRelation;
                }
            }
        }
        db.SaveChanges();
        transaction?.Commit();
        return situation;
    }

    /// <summary>
    /// Records a period in a company: the journey's situation (PMSMP, or internship for an apprenticeship discovery) and
    /// its employer side (host company, tutor, objective).
    /// </summary>
    public static ImmersionEntity AjouterImmersion(
        JalonDbContext db, string structure, string jeuneId, TypeImmersion type, long entrepriseId, DateOnly debut, DateOnly fin, string? tuteur, string? objectif)
    {
        if (!db.Jeunes.Any(j => j.StructureCode == structure && j.JeuneId == jeuneId)) throw new EmployeurException("Jeune introuvable dans cette structure.");
        Entreprise(db, structure, entrepriseId);
        if (EmployeurRules.ImmersionError(debut, fin, null) is { } error) throw new EmployeurException(error);
        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        var situation = new SituationEntity
        {
            StructureCode = structure, JeuneId = jeuneId, Type = type == TypeImmersion.Pmsmp ? TypeSituation.Pmsmp : TypeSituation.Stage,
            Debut = debut, Fin = fin, Origine = OrigineEvenement.Saisie,
        };
        db.Situations.Add(situation);
        db.SaveChanges();
        var immersion = new ImmersionEntity
        {
            StructureCode = structure, JeuneId = jeuneId, SituationId = situation.Id, Type = type, EntrepriseId = entrepriseId,
            Tuteur = Blank(tuteur), Objectif = Blank(objectif),
        };
        db.Immersions.Add(immersion);
        db.SaveChanges();
        transaction?.Commit();
        return immersion;
    }

    /// <summary>Records the three-way review (young person, tutor, counsellor) of a period in a company and what followed.</summary>
    public static void EnregistrerBilan(
        JalonDbContext db, string structure, long immersionId, DateOnly bilanLe, string? jeune, string? tuteur, string? conseiller, SuiteImmersion suite)
    {
        var immersion = db.Immersions.SingleOrDefault(i => i.StructureCode == structure && i.Id == immersionId)
            ?? throw new EmployeurException("Période en entreprise introuvable dans cette structure.");
        var situation = db.Situations.Single(s => s.Id == immersion.SituationId);
        if (EmployeurRules.ImmersionError(situation.Debut, situation.Fin ?? situation.Debut, bilanLe) is { } error) throw new EmployeurException(error);
        immersion.BilanLe = bilanLe;
        immersion.BilanJeune = Blank(jeune);
        immersion.BilanTuteur = Blank(tuteur);
        immersion.BilanConseiller = Blank(conseiller);
        immersion.Suite = suite;
        db.SaveChanges();
    }

    public static ParrainEntity AjouterParrain(
        JalonDbContext db, string structure, string nom, string? profession, long? entrepriseId, string? disponibilites, string? telephone = null, string? email = null)
    {
        if (string.IsNullOrWhiteSpace(nom)) throw new EmployeurException("Indiquez le nom du parrain ou de la marraine.");
        if (entrepriseId is { } e) Entreprise(db, structure, e);
        var parrain = new ParrainEntity
        {
            StructureCode = structure, Nom = nom.Trim(), Profession = Blank(profession), EntrepriseId = entrepriseId, Disponibilites = Blank(disponibilites),
            Telephone = Blank(telephone), Email = Blank(email),
        };
        db.Parrains.Add(parrain);
        db.SaveChanges();
        return parrain;
    }

    /// <summary>Points a parrainage of the journey to its sponsor (replacing the previous one).</summary>
    public static void AttribuerParrain(JalonDbContext db, string structure, long parrainageId, long parrainId)
    {
        if (!db.Parrainages.Any(p => p.StructureCode == structure && p.Id == parrainageId)) throw new EmployeurException("Parrainage introuvable dans cette structure.");
        if (!db.Parrains.Any(p => p.StructureCode == structure && p.Id == parrainId)) throw new EmployeurException("Parrain introuvable dans cette structure.");
        var link = db.ParrainageParrains.SingleOrDefault(l => l.ParrainageId == parrainageId);
        if (link is null) db.ParrainageParrains.Add(new ParrainageParrainEntity { ParrainageId = parrainageId, StructureCode = structure, ParrainId = parrainId });
        else link.ParrainId = parrainId;
        db.SaveChanges();
    }

    /// <summary>Records what a young person looks for (replacing the previous search).</summary>
    public static void EnregistrerRecherche(JalonDbContext db, string structure, string jeuneId, IReadOnlyList<string> romes, Mobilite mobilite, DateOnly? disponibleLe)
    {
        if (romes.Count is < 1 or > 3) throw new EmployeurException("Indiquez un à trois métiers recherchés (codes ROME).");
        if (romes.FirstOrDefault(r => !Rome.IsWellFormed(r)) is { } bad) throw new EmployeurException($"Code ROME « {bad} » mal formé : une lettre de A à N puis quatre chiffres (ex. G1602).");
        if (!db.Jeunes.Any(j => j.StructureCode == structure && j.JeuneId == jeuneId)) throw new EmployeurException("Jeune introuvable dans cette structure.");
        var recherche = db.RecherchesEmploi.SingleOrDefault(r => r.StructureCode == structure && r.JeuneId == jeuneId);
        if (recherche is null)
        {
            recherche = new RechercheEmploiEntity { StructureCode = structure, JeuneId = jeuneId, Romes = "" };
            db.RecherchesEmploi.Add(recherche);
        }
        recherche.Romes = string.Join(' ', romes.Distinct(StringComparer.Ordinal));
        recherche.Mobilite = mobilite;
        recherche.DisponibleLe = disponibleLe;
        db.SaveChanges();
    }

    /// <summary>The searches of the structure's young people (or of one), as matching reads them: in a job = a job situation running today.</summary>
    public static List<RechercheEmploi> Recherches(JalonDbContext db, string structure, DateOnly today, string? jeuneId = null)
    {
        var rows = (from r in db.RecherchesEmploi
                    join j in db.Jeunes on new { r.StructureCode, r.JeuneId } equals new { j.StructureCode, j.JeuneId }
                    where r.StructureCode == structure && (jeuneId == null || r.JeuneId == jeuneId)
                    select new { r.JeuneId, r.Romes, r.Mobilite, r.DisponibleLe, j.Commune }).ToList();
        var ids = rows.Select(r => r.JeuneId).ToList();
        var situations = db.Situations.Where(s => s.StructureCode == structure && ids.Contains(s.JeuneId) && s.Debut <= today && (s.Fin == null || s.Fin >= today))
            .Select(s => new { s.JeuneId, s.Type }).ToList();
        var employed = situations.Where(s => s.Type.IsEmploi()).Select(s => s.JeuneId).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. rows.Select(r => new RechercheEmploi(r.JeuneId, r.Romes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Commune, r.Mobilite, r.DisponibleLe,
                employed.Contains(r.JeuneId))),
        ];
    }

    /// <summary>The structure's open offers, as matching reads them.</summary>
    public static List<OffreCritere> OffresOuvertes(JalonDbContext db, string structure) =>
        [.. db.Offres.Where(o => o.StructureCode == structure && o.Statut == StatutOffre.Ouverte).AsNoTracking().AsEnumerable()
            .Select(o => new OffreCritere(o.Id, o.Rome, o.Commune, o.Statut, o.DebutSouhaite))];

    private static EntrepriseEntity Entreprise(JalonDbContext db, string structure, long id) =>
        db.Entreprises.SingleOrDefault(e => e.StructureCode == structure && e.Id == id) ?? throw new EmployeurException("Entreprise introuvable dans cette structure.");

    private static OffreEntity Offre(JalonDbContext db, string structure, long id) =>
        db.Offres.SingleOrDefault(o => o.StructureCode == structure && o.Id == id) ?? throw new EmployeurException("Offre introuvable dans cette structure.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
