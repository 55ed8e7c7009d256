using System.CommandLine;
using Jalon.Domain;
using Jalon.Domain.Rgpd;
using Jalon.Storage;
using Jalon.Storage.Rgpd;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon rgpd anonymiser [--simulation] [--annees N] [--base … | --postgres …]</c>: the retention rule (docs/rgpd.md):
/// files with no actualité for N years (default <see cref="Conservation.AnneesParDefaut"/>) are anonymised.
/// </summary>
public static class RgpdCommand
{
    public static Command Create()
    {
        var simulation = new Option<bool>("--simulation") { Description = "n'écrit rien : affiche ce qui serait anonymisé, structure par structure" };
        var annees = new Option<int>("--annees")
        {
            Description = $"durée de conservation en années sans actualité (défaut : Jalon__Rgpd__ConservationAnnees, sinon {Conservation.AnneesParDefaut})",
            DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("Jalon__Rgpd__ConservationAnnees"), out var n) ? n : Conservation.AnneesParDefaut,
        };
        var database = new DatabaseOptions();
        var anonymiser = new Command("anonymiser", "Anonymise les dossiers sans actualité depuis la durée de conservation (identité effacée, faits du parcours conservés)")
        { simulation, annees };
        database.AddTo(anonymiser);
        anonymiser.Validators.Add(result =>
        {
            if (result.GetValue(annees) < 1) result.AddError("--annees : au moins 1 an.");
        });
        anonymiser.SetAction(parseResult => Anonymiser(database.Open(parseResult), parseResult.GetValue(annees), parseResult.GetValue(simulation),
            Dates.TodayInParis(TimeProvider.System), parseResult.InvocationConfiguration.Output));
        return new Command("rgpd", "Cycle de vie des données personnelles (docs/rgpd.md)") { anonymiser };
    }

    public static int Anonymiser(Func<JalonDbContext> openDatabase, int annees, bool simulation, DateOnly today, TextWriter output)
    {
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        var rapport = Anonymisation.AppliquerConservation(db, today, annees, simulation, "ligne de commande");
        rapport.Ecrire(output);
        return 0;
    }
}
