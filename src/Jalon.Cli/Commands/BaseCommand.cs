using System.CommandLine;
using Jalon.Storage;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon base migrer [--verifier] [--base … | --postgres …]</c>: brings the database to the schema of this program
/// (docs/adr/0002-schema-migrations.md), or with <c>--verifier</c> lists the pending steps and changes nothing
/// (docs/exploitation.md, « Mettre à jour »).
/// </summary>
public static class BaseCommand
{
    /// <summary>Exit code of <c>--verifier</c> when a migration is due (the steps are listed).</summary>
    public const int MigrationDue = 1;

    /// <summary>Exit code when the database cannot be used by this program (newer schema, unreachable, incomplete).</summary>
    public const int Refused = 2;

    public static Command Create()
    {
        var verifier = new Option<bool>("--verifier")
        {
            Description = $"n'écrit rien : liste les étapes de schéma à appliquer ; code de sortie 0 à jour, {MigrationDue} mise à jour due, {Refused} base refusée",
        };
        var database = new DatabaseOptions();
        var migrer = new Command("migrer", "Met le schéma de la base à la version de ce programme (étapes écrites à la main, dans une transaction)") { verifier };
        database.AddTo(migrer);
        migrer.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(verifier) && database.MissingSqliteFile(parseResult) is { } missing)
            {
                output.WriteLine($"Base absente ({missing}) : « migrer » la créera au schéma {SchemaPlan.Latest}.");
                return MigrationDue;
            }
            return Migrer(database.Open(parseResult), parseResult.GetValue(verifier), output, error);
        });
        return new Command("base", "Schéma de la base de données") { migrer };
    }

    public static int Migrer(Func<JalonDbContext> openDatabase, bool verifier, TextWriter output, TextWriter error)
    {
        try
        {
            using var db = openDatabase();
            var plan = SchemaPlan.Read(db);
            if (plan.TooNew)
            {
                error.WriteLine($"La base est au schéma {plan.Current}, plus récent que celui de ce programme ({SchemaPlan.Latest}) : " +
                    "installez la version de Jalon qui l'a écrite, ou restaurez une sauvegarde (docs/exploitation.md, « Revenir en arrière »).");
                return Refused;
            }
            if (plan.UpToDate && !verifier)
            {
                JalonDatabase.Migrate(db); // checks that no table of the model is missing
                output.WriteLine($"La base est à jour (schéma {plan.Current}).");
                return 0;
            }
            if (plan.UpToDate)
            {
                output.WriteLine($"La base est à jour (schéma {plan.Current}) : aucune étape à appliquer.");
                return 0;
            }
            output.WriteLine(verifier
                ? $"Mise à jour due : schéma {plan.Current} → {SchemaPlan.Latest}, {plan.Pending.Count} étape(s) à appliquer (rien n'a été modifié) :"
                : $"Mise à jour du schéma {plan.Current} → {SchemaPlan.Latest} :");
            foreach (var step in plan.Pending) output.WriteLine($"  {step.Version,4}  {step.Description}");
            if (verifier) return MigrationDue;
            JalonDatabase.Migrate(db);
            output.WriteLine($"Base mise à jour : schéma {JalonDatabase.CurrentVersion(db)}.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            error.WriteLine("Base refusée : " + e.Message);
            return Refused;
        }
    }
}
