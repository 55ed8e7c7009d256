using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Jalon.Domain;
using Jalon.Domain.Rgpd;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage.Rgpd;

/// <summary>A file due for anonymisation: its structure, identifier and last actualité.</summary>
public sealed record DossierEchu(string StructureCode, string JeuneId, DateOnly DerniereActualite);

/// <summary>What anonymisation did (or would do, in a simulation) to one structure.</summary>
public sealed record AnonymisationStructure(string Code, string Nom, IReadOnlyList<DossierEchu> Dossiers, int Commentaires, int Diagnostics, int Coordonnees);

/// <summary>The report of a retention run.</summary>
public sealed record AnonymisationRapport(DateOnly Aujourdhui, int Annees, bool Simulation, IReadOnlyList<AnonymisationStructure> Structures, TimeSpan Duree)
{
    public DateOnly Limite => Conservation.Limite(Aujourdhui, Annees);

    public int Dossiers => Structures.Sum(s => s.Dossiers.Count);

    /// <summary>The report in French, as the command prints it.</summary>
    public void Ecrire(TextWriter output, int dossiersListes = 20)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string N(int n) => n.ToString("N0", fr);
        output.WriteLine(Simulation
            ? $"Simulation : rien n'a été modifié. Durée de conservation : {Annees} an(s) sans actualité (dernière actualité avant le {Limite:dd/MM/yyyy})."
            : $"Anonymisation des dossiers sans actualité depuis le {Limite:dd/MM/yyyy} (durée de conservation : {Annees} an(s)).");
        if (Dossiers == 0)
        {
            output.WriteLine("Aucun dossier à anonymiser.");
            return;
        }
        var verbe = Simulation ? "seraient" : "ont été";
        foreach (var s in Structures.Where(s => s.Dossiers.Count > 0))
        {
            output.WriteLine($"{s.Code} — {s.Nom} : {N(s.Dossiers.Count)} dossier(s).");
            output.WriteLine($"  {verbe} effacés : nom, prénom, courriel, téléphone ({N(s.Coordonnees)} dossier(s) en avaient), commune, conseiller référent, identifiant du dossier (remplacé) ;");
            output.WriteLine($"  {N(s.Commentaires)} commentaire(s) interne(s) et {N(s.Diagnostics)} domaine(s) de diagnostic (appréciations et observations), les tuteurs, objectifs et bilans des périodes en entreprise, l'objet des rendez-vous CEJ ;");
            output.WriteLine("  la date de naissance serait réduite au mois ; les faits du parcours (contacts, parcours, situations…) sont conservés : les indicateurs ne changent pas."
                .Replace("serait", Simulation ? "serait" : "a été", StringComparison.Ordinal));
            foreach (var d in s.Dossiers.Take(dossiersListes)) output.WriteLine($"  - {d.JeuneId} (dernière actualité le {d.DerniereActualite:dd/MM/yyyy})");
            if (s.Dossiers.Count > dossiersListes) output.WriteLine($"  … et {N(s.Dossiers.Count - dossiersListes)} autre(s).");
        }
        output.WriteLine($"Total : {N(Dossiers)} dossier(s) {(Simulation ? "à anonymiser" : "anonymisé(s)")} en {Duree.TotalSeconds.ToString("0.0", fr)} s.");
    }
}

/// <summary>
/// Anonymisation of young people's files (docs/rgpd.md): the retention rule (files with no actualité for the configured
/// years) and erasure on request. Identity is removed — names, contact details, commune, referent, free texts, diagnostic
/// domains, the file's identifier (replaced by a random one) and the events' external identifiers — and the birth date is
/// reduced to its month; the journey facts and the indicator fields stay, so that past indicators do not move. A one-way
/// fingerprint of the former identifier is kept (<see cref="JeuneEffaceEntity"/>) so that an older package does not bring
/// the person back. One transaction per structure; one audit row per file.
/// </summary>
public static class Anonymisation
{
    /// <summary>The files of a structure (or all) whose last actualité is older than the retention, not yet anonymised.</summary>
    public static List<DossierEchu> Echus(JalonDbContext db, DateOnly today, int annees, string? structure = null)
    {
        var result = new List<DossierEchu>();
        var structures = structure is null ? db.Structures.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code).ToList() : [structure];
        foreach (var code in structures)
        {
            var anonymised = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == code && j.AnonymiseLe != null).Select(j => j.JeuneId).ToHashSet(StringComparer.Ordinal);
            var package = PackageLoader.Load(db, code);
            for (var j = 0; j < package.Jeunes.Length; j++)
            {
                if (anonymised.Contains(package.Jeunes[j].Id)) continue;
                var last = package.Journey(j).DerniereActualite(today);
                if (Conservation.EstEchu(last, today, annees)) result.Add(new DossierEchu(code, package.Jeunes[j].Id, last));
            }
        }
        return result;
    }

    /// <summary>Applies the retention rule to every structure (or only counts, in a simulation).</summary>
    public static AnonymisationRapport AppliquerConservation(JalonDbContext db, DateOnly today, int annees, bool simulation, string? userLogin = null)
    {
        if (annees < 1) throw new ArgumentOutOfRangeException(nameof(annees), "La durée de conservation est d'au moins un an.");
        var clock = Stopwatch.StartNew();
        var structures = new List<AnonymisationStructure>();
        foreach (var s in db.Structures.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Nom }).ToList())
        {
            var due = Echus(db, today, annees, s.Code);
            var (commentaires, diagnostics, coordonnees) = Compter(db, s.Code, due.Select(d => d.JeuneId).ToList());
            if (!simulation && due.Count > 0)
            {
                var motif = $"anonymisation (conservation) : aucune actualité depuis le {Conservation.Limite(today, annees):dd/MM/yyyy}";
                Anonymiser(db, s.Code, due.Select(d => (d.JeuneId, $"{motif} ; dernière le {d.DerniereActualite:dd/MM/yyyy}")).ToList(), userLogin, null);
            }
            structures.Add(new AnonymisationStructure(s.Code, s.Nom, due, commentaires, diagnostics, coordonnees));
        }
        return new AnonymisationRapport(today, annees, simulation, structures, clock.Elapsed);
    }

    /// <summary>Erasure on request: the file is anonymised at once (aggregates preserved). Returns the file's new identifier.</summary>
    public static string Effacer(JalonDbContext db, string structure, string jeuneId, string motif, string? userLogin, int? userId)
    {
        var news = Anonymiser(db, structure, [(jeuneId, "effacement à la demande de la personne : " + motif)], userLogin, userId);
        return news[jeuneId];
    }

    /// <summary>What anonymising these files removes: comments, diagnostic domains, files with contact details.</summary>
    private static (int Commentaires, int Diagnostics, int Coordonnees) Compter(JalonDbContext db, string structure, List<string> ids)
    {
        if (ids.Count == 0) return (0, 0, 0);
        var commentaires = 0;
        var diagnostics = 0;
        var coordonnees = 0;
        foreach (var batch in ids.Chunk(500))
        {
            commentaires += db.Contacts.Count(c => c.StructureCode == structure && batch.Contains(c.JeuneId) && c.Commentaire != null);
            diagnostics += db.DiagnosticDomaines.Count(d => d.StructureCode == structure
                && db.Contacts.Any(c => c.Id == d.ContactId && c.StructureCode == structure && batch.Contains(c.JeuneId)));
            coordonnees += db.Jeunes.Count(j => j.StructureCode == structure && batch.Contains(j.JeuneId)
                && (j.Nom != null || j.Prenom != null || j.Email != null || j.Telephone != null));
        }
        return (commentaires, diagnostics, coordonnees);
    }

    /// <summary>
    /// Every table that carries a young person's identifier besides <c>Jeunes</c>, with what anonymisation clears in it:
    /// the journey events (their exchange identifier, and a contact's comment and author), the CEJ rows, the employer side
    /// (a period's tutor, objective, three-way review and Immersion facile convention id) and the job search.
    /// </summary>
    private static readonly (string Table, string Extra)[] FileTables =
    [
        ("Contacts", """, "Ref" = NULL, "Version" = "Version" + 1, "Commentaire" = NULL, "AuteurId" = NULL"""),
        ("Orientations", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("Parcours", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("Propositions", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("Situations", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("Droits", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("Parrainages", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("CejActivites", """, "Ref" = NULL"""),
        ("CejAllocations", """, "Ref" = NULL, "Version" = "Version" + 1"""),
        ("CejParticipants", ""),
        ("CejRendezVous", """, "Objet" = NULL"""),
        ("CejSemaines", ""),
        ("MisesEnRelation", """, "Version" = "Version" + 1"""),
        ("Immersions", """, "Tuteur" = NULL, "Objectif" = NULL, "BilanJeune" = NULL, "BilanTuteur" = NULL, "BilanConseiller" = NULL, "ConventionId" = NULL, "Version" = "Version" + 1"""),
        ("RecherchesEmploi", ""),
    ];

    /// <summary>Anonymises files of one structure in one transaction; returns the new identifier of each.</summary>
    public static Dictionary<string, string> Anonymiser(JalonDbContext db, string structure, IReadOnlyList<(string JeuneId, string Motif)> dossiers,
        string? userLogin, int? userId)
    {
        var now = DateTime.UtcNow;
        var news = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dossiers.Count == 0) return news;
        var wanted = dossiers.Select(d => d.JeuneId).ToHashSet(StringComparer.Ordinal);
        var births = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure && j.AnonymiseLe == null)
            .Select(j => new { j.JeuneId, j.Naissance }).AsEnumerable()
            .Where(j => wanted.Contains(j.JeuneId)).ToDictionary(j => j.JeuneId, j => j.Naissance, StringComparer.Ordinal);
        var existing = db.Jeunes.AsNoTracking().Where(j => j.StructureCode == structure).Select(j => j.JeuneId).ToHashSet(StringComparer.Ordinal);
        db.Database.OpenConnection();
        try
        {
            using var transaction = db.Database.BeginTransaction();
            var connection = db.Database.GetDbConnection();
            var tx = transaction.GetDbTransaction();
            var postgres = db.Provider == DatabaseProvider.Postgres;
            Execute(connection, tx, postgres
                ? """CREATE TEMPORARY TABLE "Anonymisation" ("Ancien" text NOT NULL, "Nouvel" text NOT NULL, "Naissance" date NOT NULL)"""
                : """CREATE TEMPORARY TABLE "Anonymisation" ("Ancien" TEXT NOT NULL, "Nouvel" TEXT NOT NULL, "Naissance" TEXT NOT NULL)""");
            using (var insert = BulkInserter.Create(connection, "Anonymisation", "Ancien", "Nouvel", "Naissance"))
            {
                foreach (var (id, _) in dossiers)
                {
                    if (!births.TryGetValue(id, out var naissance) || news.ContainsKey(id)) continue;
                    string nouvel;
                    do nouvel = NewId();
                    while (existing.Contains(nouvel));
                    existing.Add(nouvel);
                    news[id] = nouvel;
                    insert.Text(id);
                    insert.Text(nouvel);
                    insert.Date(Conservation.NaissanceAnonymisee(naissance));
                    insert.EndRow();
                }
                insert.Complete();
            }
            // The anonymised file under its new identifier: indicator fields kept, identity gone, birth date reduced to the month.
            Execute(connection, tx, """
                INSERT INTO "Jeunes" ("StructureCode", "JeuneId", "Naissance", "Sexe", "Niveau", "Diplome", "Commune", "Qpv", "Zrr", "PremierAccueil",
                                      "Nom", "Prenom", "Email", "Telephone", "ConseillerId", "CreatedAt", "UpdatedAt", "Version", "AnonymiseLe")
                SELECT j."StructureCode", a."Nouvel", a."Naissance", j."Sexe", j."Niveau", j."Diplome", NULL, j."Qpv", j."Zrr", j."PremierAccueil",
                       NULL, NULL, NULL, NULL, NULL, j."CreatedAt", @now, 0, @now
                FROM "Jeunes" j JOIN "Anonymisation" a ON a."Ancien" = j."JeuneId"
                WHERE j."StructureCode" = @s
                """, structure, now);
            // Every row of the file moves to it (the indicators computed from them stay); free texts, authors and external
            // identifiers go.
            foreach (var (table, extra) in FileTables)
            {
                Execute(connection, tx, $"""
                    UPDATE "{table}" SET "JeuneId" = (SELECT a."Nouvel" FROM "Anonymisation" a WHERE a."Ancien" = "{table}"."JeuneId"){extra}
                    WHERE "StructureCode" = @s AND "JeuneId" IN (SELECT "Ancien" FROM "Anonymisation")
                    """, structure, now);
            }
            Execute(connection, tx, """
                DELETE FROM "DiagnosticDomaines" WHERE "StructureCode" = @s AND "ContactId" IN
                    (SELECT c."Id" FROM "Contacts" c JOIN "Anonymisation" a ON a."Nouvel" = c."JeuneId" WHERE c."StructureCode" = @s)
                """, structure, now);
            Execute(connection, tx, """DELETE FROM "Jeunes" WHERE "StructureCode" = @s AND "JeuneId" IN (SELECT "Ancien" FROM "Anonymisation")""", structure, now);
            // The marks of the revisions that changed them name them too (the revision moved below carries none: the
            // tallies kept in memory are computed again from the whole structure).
            Execute(connection, tx, """DELETE FROM "RevisionMarks" WHERE "StructureCode" = @s AND "JeuneId" IN (SELECT "Ancien" FROM "Anonymisation")""", structure);
            Execute(connection, tx, """DROP TABLE "Anonymisation" """);
            db.BumpRevisions([structure]);
            foreach (var (id, motif) in dossiers)
            {
                if (!news.ContainsKey(id)) continue;
                db.JeunesEffaces.Add(new JeuneEffaceEntity { StructureCode = structure, Empreinte = ImportMerge.Fingerprint(structure, id), Le = now });
                db.AuditLog.Add(new AuditEntry
                {
                    At = now, UserId = userId, UserLogin = userLogin, Action = AuditAction.Suppression, Entity = "jeune",
                    StructureCode = structure, JeuneId = id,
                    Detail = motif.Length <= TextLimits.DetailAudit ? motif : motif[..(TextLimits.DetailAudit - 1)] + "…",
                });
            }
            db.SaveChanges();
            transaction.Commit();
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.CloseConnection();
        }
        return news;
    }

    /// <summary>A random identifier for an anonymised file: ANO and 13 characters (65 random bits), no link to the former one.</summary>
    private static string NewId()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> id = stackalloc char[16];
        "ANO".CopyTo(id);
        for (var i = 3; i < id.Length; i++) id[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(id);
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql, string? structure = null, DateTime? now = null)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (structure is not null) Add(command, "s", structure);
        if (now is { } n) Add(command, "now", n);
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
