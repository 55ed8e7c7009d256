using System.CommandLine;
using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage;
using Jalon.Storage.Api;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon api clients creer|revoquer|lister</c>: the partner clients of the REST API v1 (docs/api.md), from the server. The secret
/// is printed once, on standard output, and never stored (only its SHA-256).
/// </summary>
public static class ApiCommand
{
    public const int Refused = 2;

    public static Command Create()
    {
        var nom = new Option<string>("--nom") { Description = "nom du client (le système partenaire)", Required = true };
        var role = new Option<string>("--role")
        {
            Description = "rôle dont le client reçoit au plus les droits : Conseiller (une structure), AgentEtatRegional, AgentEtatNational, AssociationRegionale, AgentRegion",
            DefaultValueFactory = _ => nameof(Role.Conseiller),
        };
        var structure = new Option<string?>("--structure") { Description = "code de la structure (client Conseiller)" };
        var region = new Option<string?>("--region") { Description = "code INSEE de la région (clients régionaux)" };
        var portees = new Option<string[]>("--portees")
        {
            Description = $"portées : {string.Join(", ", ApiScopes.All)}", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var database = new DatabaseOptions();
        var creer = new Command("creer", "Crée un client d'API et affiche une seule fois son secret") { nom, role, structure, region, portees };
        database.AddTo(creer);
        creer.SetAction(parseResult => Creer(database.Open(parseResult), parseResult.GetRequiredValue(nom), parseResult.GetRequiredValue(role),
            parseResult.GetValue(structure), parseResult.GetValue(region), parseResult.GetRequiredValue(portees),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));

        var clientId = new Argument<string>("CLIENT_ID") { Description = "identifiant du client (jalon-…)" };
        var revoquer = new Command("revoquer", "Révoque un client : ses jetons cessent de valoir à leur prochain appel") { clientId };
        database.AddTo(revoquer);
        revoquer.SetAction(parseResult =>
        {
            using var db = database.Open(parseResult)();
            JalonDatabase.Migrate(db);
            if (ApiClients.Revoke(db, parseResult.GetRequiredValue(clientId), "ligne de commande"))
            {
                parseResult.InvocationConfiguration.Output.WriteLine($"Client {parseResult.GetRequiredValue(clientId)} révoqué.");
                return 0;
            }
            parseResult.InvocationConfiguration.Error.WriteLine($"Aucun client actif « {parseResult.GetRequiredValue(clientId)} ».");
            return Refused;
        });

        var lister = new Command("lister", "Liste les clients d'API (actifs et révoqués)");
        database.AddTo(lister);
        lister.SetAction(parseResult =>
        {
            using var db = database.Open(parseResult)();
            JalonDatabase.Migrate(db);
            foreach (var c in db.ApiClients.OrderBy(c => c.Id).ToList())
            {
                parseResult.InvocationConfiguration.Output.WriteLine(
                    $"{c.ClientId}\t{c.Nom}\t{c.Role}\t{c.StructureCode ?? c.RegionCode ?? "national"}\t{c.Scopes}\t{(c.RevoqueLe is null ? "actif" : "révoqué")}");
            }
            return 0;
        });
        return new Command("api", "API ouverte v1 (docs/api.md)") { new Command("clients", "Clients partenaires de l'API") { creer, revoquer, lister } };
    }

    public static int Creer(Func<JalonDbContext> openDatabase, string nom, string role, string? structure, string? region, string[] portees, TextWriter output, TextWriter error)
    {
        if (!Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) || int.TryParse(role, out _))
        {
            error.WriteLine($"Rôle inconnu « {role} ».");
            return Refused;
        }
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        try
        {
            var created = ApiClients.Create(db, nom, parsed, structure, region, [.. portees.SelectMany(p => p.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))], "ligne de commande");
            output.WriteLine($"Client d'API créé : {created.Client.ClientId} ({created.Client.Scopes}).");
            output.WriteLine($"client_id={created.Client.ClientId}");
            output.WriteLine($"client_secret={created.Secret}");
            output.WriteLine("Notez le secret maintenant : il n'est pas conservé et ne sera plus affiché.");
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine("Client refusé : " + e.Message);
            return Refused;
        }
    }
}
