using System.Globalization;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Employeurs;

/// <summary>
/// The job situation a hire points to, for every entry point that records one (a MER's outcome, the follow-up of a period
/// in a company): the journey's situation of the same type starting the same day when there is one, never a second record;
/// a situation is the hire of one MER or one period at most.
/// </summary>
internal static class Embauches
{
    public static SituationEntity? Existante(JalonDbContext db, string structure, string jeuneId, TypeSituation type, DateOnly debut)
    {
        var existing = db.Situations.FirstOrDefault(s => s.StructureCode == structure && s.JeuneId == jeuneId && s.Type == type && s.Debut == debut);
        if (existing is not null && (db.MisesEnRelation.Any(m => m.SituationId == existing.Id) || db.Immersions.Any(i => i.SuiteSituationId == existing.Id)))
            throw new EmployeurException("Cette situation d'emploi est déjà l'embauche d'une autre mise en relation ou période en entreprise.");
        return existing;
    }

    public static SituationEntity Ouvrir(JalonDbContext db, string structure, string jeuneId, TypeSituation type, DateOnly debut, int? jours)
    {
        var situation = new SituationEntity
        {
            StructureCode = structure, JeuneId = jeuneId, Type = type, Debut = debut, DureePrevueJours = jours, Origine = OrigineEvenement.Saisie,
        };
        db.Situations.Add(situation);
        db.SaveChanges();
        return situation;
    }
}

/// <summary>The result of a conventions import: what was written (nothing when <see cref="Erreurs"/> is not empty).</summary>
public sealed record ImportConventionsResultat(
    int Importees, int DejaImportees, int NonValidees, int EntreprisesCreees, IReadOnlyList<ConventionErreur> Erreurs)
{
    /// <summary>The young people whose journey received a PMSMP (for the audit log).</summary>
    public IReadOnlyList<string> Jeunes { get; init; } = [];
}

/// <summary>
/// The periods in a company beyond their recording (<see cref="EmployeurStore.AjouterImmersion"/>): the three-way review
/// with what followed — a hire or an apprenticeship points to the journey's job situation, opened once — and the import of
/// the conventions signed on the State's immersion platform. The callers (web) write the audit log.
/// </summary>
public static class ImmersionStore
{
    /// <summary>
    /// Records the three-way review and what followed. A hire (contract <paramref name="contrat"/>) or an apprenticeship
    /// starting <paramref name="debutEmploi"/> points to the journey's job situation of that type and start, opened when
    /// absent (<see cref="Embauches"/>). Everything is checked before anything is written. Returns the job situation, if any.
    /// </summary>
    public static SituationEntity? EnregistrerBilan(
        JalonDbContext db, string structure, long immersionId, DateOnly bilanLe, string? jeune, string? tuteur, string? conseiller, SuiteImmersion suite,
        TypeContrat? contrat = null, DateOnly? debutEmploi = null, int? dureeMois = null)
    {
        var immersion = db.Immersions.SingleOrDefault(i => i.StructureCode == structure && i.Id == immersionId)
            ?? throw new EmployeurException("Période en entreprise introuvable dans cette structure.");
        var periode = db.Situations.Single(s => s.Id == immersion.SituationId);
        if (EmployeurRules.ImmersionError(periode.Debut, periode.Fin ?? periode.Debut, bilanLe) is { } error) throw new EmployeurException(error);
        if (ImmersionRules.SuiteError(suite, contrat, periode.Debut, debutEmploi) is { } suiteError) throw new EmployeurException(suiteError);
        if (dureeMois is < 1) throw new EmployeurException("La durée du contrat est d'au moins un mois.");
        var type = ImmersionRules.SituationOf(suite, contrat);
        if (type is not null && immersion.SuiteSituationId is not null)
            throw new EmployeurException("L'embauche qui suit cette période est déjà enregistrée.");
        SituationEntity? existing = type is { } t ? Embauches.Existante(db, structure, immersion.JeuneId, t, debutEmploi!.Value) : null;

        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        EmployeurStore.EnregistrerBilan(db, structure, immersionId, bilanLe, jeune, tuteur, conseiller, suite);
        SituationEntity? situation = null;
        if (type is { } situationType)
        {
            var debut = debutEmploi!.Value;
            int? jours = dureeMois is { } mois ? debut.AddMonths(mois).DayNumber - debut.DayNumber : null;
            situation = existing ?? Embauches.Ouvrir(db, structure, immersion.JeuneId, situationType, debut, jours);
            immersion.SuiteSituationId = situation.Id;
            db.SaveChanges();
        }
        transaction?.Commit();
        return situation;
    }

    /// <summary>
    /// Imports the conventions read from the platform's export, all or nothing: each validated convention becomes a PMSMP of
    /// the young person of the structure who bears its name and birth date (none or several: a located error, nothing
    /// guessed), hosted by the structure's company of its SIRET (created when absent). A convention already imported (its
    /// id) is skipped: importing the same file twice changes nothing. Conventions not validated are skipped and counted.
    /// </summary>
    public static ImportConventionsResultat ImporterConventions(JalonDbContext db, string structure, IReadOnlyList<ConventionImmersion> conventions, DateOnly today)
    {
        var errors = new List<ConventionErreur>();
        var validees = conventions.Where(c => c.EstValidee).ToList();
        var nonValidees = conventions.Count - validees.Count;
        var ids = validees.Select(c => c.ConventionId).ToList();
        var dejaImportees = db.Immersions.Where(i => i.StructureCode == structure && i.ConventionId != null && ids.Contains(i.ConventionId))
            .Select(i => i.ConventionId!).ToHashSet(StringComparer.Ordinal);
        var aImporter = validees.Where(c => !dejaImportees.Contains(c.ConventionId)).ToList();

        var naissances = aImporter.Select(c => c.Naissance).Distinct().ToList();
        var jeunes = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null && naissances.Contains(j.Naissance))
            .Select(j => new { j.JeuneId, j.Nom, j.Prenom, j.Naissance }).ToList();
        var sirets = aImporter.Select(c => c.Siret).Distinct().ToList();
        var entreprises = db.Entreprises.Where(e => e.StructureCode == structure && sirets.Contains(e.Siret)).ToDictionary(e => e.Siret, e => e.Id, StringComparer.Ordinal);

        var lignes = new List<(ConventionImmersion Convention, string JeuneId, string? Tuteur, string? Objectif)>();
        foreach (var c in aImporter)
        {
            var matches = jeunes.Where(j => j.Naissance == c.Naissance && Same(j.Nom, c.Nom) && Same(j.Prenom, c.Prenom)).Select(j => j.JeuneId).ToList();
            var born = c.Naissance.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            if (matches.Count == 0)
                errors.Add(new(c.Ligne, "Nom bénéficiaire", $"aucun jeune de la structure ne s'appelle {c.Prenom} {c.Nom} né(e) le {born} : créez ou corrigez son dossier."));
            else if (matches.Count > 1)
                errors.Add(new(c.Ligne, "Nom bénéficiaire", $"{matches.Count} jeunes de la structure s'appellent {c.Prenom} {c.Nom} né(e) le {born} ({string.Join(", ", matches)}) : rien n'est deviné, rapprochez les dossiers."));
            var tuteur = Join(c.Tuteur, c.TuteurTelephone, c.TuteurEmail);
            if (tuteur?.Length > 100) errors.Add(new(c.Ligne, "Tuteur", "tuteur et coordonnées de plus de 100 caractères."));
            var objectif = Join(c.Metier, c.Objectif);
            if (objectif?.Length > 300) errors.Add(new(c.Ligne, "Objet de l'immersion", "métier et objet de plus de 300 caractères."));
            if (c.Entreprise.Length > 200) errors.Add(new(c.Ligne, "Entreprise d'accueil", "nom de plus de 200 caractères."));
            if (matches.Count == 1) lignes.Add((c, matches[0], tuteur, objectif));
        }
        if (errors.Count > 0) return new(0, dejaImportees.Count, nonValidees, 0, errors);

        using var transaction = db.Database.BeginTransaction();
        var creees = 0;
        foreach (var (c, jeuneId, tuteur, objectif) in lignes)
        {
            if (!entreprises.TryGetValue(c.Siret, out var entrepriseId))
            {
                entrepriseId = EmployeurStore.AjouterEntreprise(db, structure, c.Siret, c.Entreprise, null, null, null, today).Id;
                entreprises[c.Siret] = entrepriseId;
                creees++;
            }
            var immersion = EmployeurStore.AjouterImmersion(db, structure, jeuneId, TypeImmersion.Pmsmp, entrepriseId, c.Debut, c.Fin, tuteur, objectif);
            immersion.ConventionId = c.ConventionId;
            db.SaveChanges();
        }
        transaction.Commit();
        return new(lignes.Count, dejaImportees.Count, nonValidees, creees, errors)
        {
            Jeunes = [.. lignes.Select(l => l.JeuneId).Distinct(StringComparer.Ordinal)],
        };
    }

    private static string? Join(params string?[] parts) =>
        string.Join(" — ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())) is { Length: > 0 } s ? s : null;

    /// <summary>Names compared without case, accents, hyphens nor repeated spaces (« Lefèvre-Dupont » = « LEFEVRE DUPONT »).</summary>
    internal static bool Same(string? a, string? b) => a is not null && b is not null && Key(a) == Key(b);

    private static string Key(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : ' ');
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>The sponsor registry's writes beyond <see cref="EmployeurStore.AjouterParrain"/>: a parrainage started with its sponsor.</summary>
public static class ParrainStore
{
    /// <summary>Starts a parrainage of the young person's journey on <paramref name="debut"/> with the registry's sponsor, in one transaction.</summary>
    public static ParrainageEntity Parrainer(JalonDbContext db, string structure, string jeuneId, long parrainId, DateOnly debut)
    {
        if (!db.Jeunes.Any(j => j.StructureCode == structure && j.JeuneId == jeuneId)) throw new EmployeurException("Jeune introuvable dans cette structure.");
        if (!db.Parrains.Any(p => p.StructureCode == structure && p.Id == parrainId)) throw new EmployeurException("Parrain introuvable dans cette structure.");
        if (db.Parrainages.Any(p => p.StructureCode == structure && p.JeuneId == jeuneId && p.Fin == null))
            throw new EmployeurException("Ce jeune a déjà un parrainage en cours : attribuez-lui un parrain ou terminez-le d'abord.");
        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        var parrainage = new ParrainageEntity { StructureCode = structure, JeuneId = jeuneId, Debut = debut, Origine = OrigineEvenement.Saisie };
        db.Parrainages.Add(parrainage);
        db.SaveChanges();
        EmployeurStore.AttribuerParrain(db, structure, parrainage.Id, parrainId);
        transaction?.Commit();
        return parrainage;
    }

    /// <summary>The young people each sponsor of the structure follows: their parrainages running on <paramref name="today"/>.</summary>
    public static Dictionary<long, List<string>> Suivis(JalonDbContext db, string structure, DateOnly today) =>
        (from l in db.ParrainageParrains
         join p in db.Parrainages on l.ParrainageId equals p.Id
         where l.StructureCode == structure && p.Debut <= today && (p.Fin == null || p.Fin >= today)
         select new { l.ParrainId, p.JeuneId }).AsEnumerable()
        .GroupBy(x => x.ParrainId).ToDictionary(g => g.Key, g => g.Select(x => x.JeuneId).Distinct().Order(StringComparer.Ordinal).ToList());
}
