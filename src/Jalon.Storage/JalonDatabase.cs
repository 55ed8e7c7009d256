using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage;

/// <summary>
/// Creates and upgrades the schema (docs/adr/0002-schema-migrations.md). An empty database gets the
/// current model's tables plus <see cref="SchemaSteps.Extras"/>, and is stamped with the latest version;
/// an older database gets the hand-written steps above its version, in order, each in the same transaction
/// as the stamp of its version. Safe to call at every start and from concurrent processes.
/// </summary>
public static class JalonDatabase
{
    /// <summary>The version of the schema that this code writes and reads.</summary>
    public static int LatestVersion => SchemaSteps.All[^1].Version;

    public static Task MigrateAsync(JalonDbContext db, CancellationToken cancellationToken = default) =>
        Task.Run(() => Migrate(db), cancellationToken);

    public static void Migrate(JalonDbContext db)
    {
        var provider = db.Provider;
        if (provider == DatabaseProvider.Postgres) EnsurePostgresDatabase(db);
        db.Database.OpenConnection();
        try
        {
            // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock at once.
            using var transaction = db.Database.BeginTransaction();
            if (provider == DatabaseProvider.Postgres)
                db.Database.ExecuteSqlRaw("SELECT pg_advisory_xact_lock(7041852)");
            Execute(db,
                """CREATE TABLE IF NOT EXISTS "SchemaVersion" ("Version" INTEGER NOT NULL PRIMARY KEY, "AppliedAt" TEXT NOT NULL, "Description" TEXT NOT NULL)""");
            var current = CurrentVersion(db);
            if (current > LatestVersion)
                throw new InvalidOperationException($"La base est au schéma {current}, plus récent que celui de ce programme ({LatestVersion}) : mettez Jalon à jour.");
            if (current == 0)
            {
                Execute(db, db.Database.GenerateCreateScript());
                Execute(db, SchemaSteps.Extras(provider));
                Stamp(db, LatestVersion, "schéma créé depuis le modèle");
            }
            else
            {
                foreach (var step in SchemaSteps.All.Where(s => s.Version > current))
                {
                    Execute(db, step.Sql(provider));
                    Stamp(db, step.Version, step.Description);
                }
            }
            CheckTables(db);
            transaction.Commit();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>Refuses a database that lacks a table of the model: a model change without its schema step.</summary>
    private static void CheckTables(JalonDbContext db)
    {
        using var command = db.Database.GetDbConnection().CreateLongCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = db.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) present.Add(reader.GetString(0));
        }
        var missing = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
            .Where(t => !present.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Schéma {CurrentVersion(db)} incomplet : table(s) absente(s) {string.Join(", ", missing)}. " +
                "Une modification du modèle demande une étape dans SchemaSteps (docs/adr/0002-schema-migrations.md).");
    }

    /// <summary>The schema version of the database, 0 when it is empty.</summary>
    public static int CurrentVersion(JalonDbContext db)
    {
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateLongCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """SELECT COALESCE(MAX("Version"), 0) FROM "SchemaVersion" """;
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static void Execute(JalonDbContext db, string sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) return;
        using var command = db.Database.GetDbConnection().CreateLongCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Stamp(JalonDbContext db, int version, string description) =>
        db.Database.ExecuteSqlRaw(
            """INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, {1}, {2})""",
            version, DateTime.UtcNow.ToString("O"), description);

    /// <summary>Creates the PostgreSQL database named in the connection string if it does not exist.</summary>
    internal static void EnsurePostgresDatabase(JalonDbContext db)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (creator.Exists()) return;
        try
        {
            creator.Create();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // Created meanwhile by another process starting at the same time.
        }
    }
}

/// <summary>One hand-written change of the schema, from <c>Version − 1</c> to <c>Version</c>.</summary>
internal sealed record SchemaStep(int Version, string Description, Func<DatabaseProvider, string> Sql);

/// <summary>
/// The history of the schema. To change the model: add a step with the next version whose SQL (per
/// provider) brings a database of the previous version to exactly what the new model creates, and
/// update <see cref="Extras"/> if the change is not expressed by the model (triggers).
/// </summary>
internal static class SchemaSteps
{
    public static readonly SchemaStep[] All =
    [
        new(1, "schéma initial", _ => ""),
        new(2, "dialogue de gestion et financement CPO", p => Script("0002-pilotage", p)),
        new(3, "décomptes d'indicateurs par structure et révision des structures", p => Script("0003-indicator-tallies", p)),
        new(4, "sessions côté serveur, changement de mot de passe imposé, ProConnect, marque de démonstration", p => Script("0004-accounts-sessions", p)),
        new(5, "fusion des réimports, versions, numéros de jeunes, anonymisation et tailles des textes", p => Script("0005-fusion-versions-rgpd", p)),
        new(6, "la structure : profil daté, territoire, sites, personnel, BRH, budget, contexte, zones ; site d'un contact", p => Script("0006-structure", p)),
        new(7, "décomptes d'indicateurs par catalogue (recalculés à la demande)", p => Script("0007-tallies-per-catalogue", p)),
        new(8, "campagnes de compte rendu d'activité (CRA) : campagnes, soumissions, versions figées, journal", p => Script("0008-campagnes", p)),
        new(10, "dispositifs « amont » de la Région sur les parcours (colonne amont)", p => Script("0010-amont", p)),
        new(12, "clients partenaires de l'API ouverte v1", p => Script("0012-api-clients", p)),
        new(13, "allocation régionale : enveloppe, parts, poids, décisions de l'axe 3, montants votés, vie (simulation, vote, notification)", p => Script("0013-allocation-regionale", p)),
        new(14, "état des tâches planifiées (dernière et prochaine exécution, échecs)", p => Script("0014-taches", p)),
        new(15, "contrat d'engagement jeune : rendez-vous, sessions collectives, actions, heures par défaut, semaines validées, allocations mensuelles", p => Script("0015-cej", p)),
        new(16, "plans : offres de service, projets, plans d'action (objectifs, fiches action, indicateurs et cibles)", p => Script("0016-plans", p)),
        new(17, "employeurs : entreprises, échanges, offres, mises en relation, immersions, parrains, recherches d'emploi", p => Script("0017-employeurs", p)),
        new(18, "contrat d'engagement jeune : fichiers activites.csv et allocations.csv enregistrés (séance, montant demandé, origine, retour de l'ASP)", p => Script("0018-cej-import", p)),
        new(19, "immersions : situation d'emploi qui suit une période en entreprise, identifiant de la convention importée", p => Script("0019-immersions", p)),
        new(20, "plan d'action du dialogue de gestion comme plan (fiches action), relevé de conclusions", p => Script("0020-plan-action-dialogue", p)),
        new(23, "index des décomptes par catalogue et date de calcul (version des décomptes stockés, secret statistique)", p => Script("0023-tallies-version", p)),
        new(24, "RQTH à l'entrée d'un contrat d'engagement jeune (colonne rqth des parcours)", p => Script("0024-cej-rqth", p)),
        new(25, "plans : réunions de la commission de suivi, évaluations à 18 mois et 3 ans signées par la direction", p => Script("0025-plan-commission-evaluations", p)),
        new(26, "démarche de progrès : états des lieux des structures, analyse transversale et préconisations", p => Script("0026-demarche-progres", p)),
        new(27, "index partiels des auteurs de contacts et des conseillers des jeunes (les lignes sans auteur ni conseiller n'y sont plus)", p => Script("0027-index-partiels", p)),
        new(28, "marques des révisions : les jeunes que chaque saisie a modifiés (recalcul des tableaux de bord limité à eux)", p => Script("0028-revision-marks", p)),
    ];

    /// <summary>A step's SQL, embedded from <c>Schema/NNNN-name.{sqlite,postgres}.sql</c>.</summary>
    private static string Script(string name, DatabaseProvider provider)
    {
        var resource = $"Jalon.Storage.Schema.{name}.{(provider == DatabaseProvider.Postgres ? "postgres" : "sqlite")}.sql";
        using var stream = typeof(SchemaSteps).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Script de schéma absent : {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>What the model does not express: the triggers that make the audit log append-only.</summary>
    public static string Extras(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => """
            CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
            BEGIN SELECT RAISE(ABORT, 'journal d''audit en ajout seul'); END;
            CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
            BEGIN SELECT RAISE(ABORT, 'journal d''audit en ajout seul'); END;
            """,
        DatabaseProvider.Postgres => """
            CREATE FUNCTION "AuditLog_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'journal d''audit en ajout seul'; END $$;
            CREATE TRIGGER "AuditLog_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditLog"
            FOR EACH ROW EXECUTE FUNCTION "AuditLog_append_only"();
            CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
            FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_append_only"();
            """,
        _ => "",
    };
}
