using System.CommandLine;
using Jalon.Domain.Accounts;
using Jalon.Storage;
using Jalon.Storage.Accounts;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon comptes creer-admin --identifiant ID [--nom "…"] [--base FILE | --postgres "…"]</c>: creates the first
/// administrator of a production instance, or recovers the access to an existing account (new password, unlocked, active,
/// sessions ended). The password is the first line of standard input, never an argument (it would show in the process list
/// and the shell's history); typed at a terminal it is not echoed and asked twice.
/// </summary>
public static class ComptesCommand
{
    /// <summary>Exit code of a refused identifier or password: nothing was written.</summary>
    public const int Refused = 2;

    public static Command Create()
    {
        var identifiant = new Option<string>("--identifiant") { Description = "identifiant du compte (lettres, chiffres, point, tiret)", Required = true };
        var nom = new Option<string?>("--nom") { Description = "nom affiché (défaut : « Administration Jalon »)" };
        var database = new DatabaseOptions();
        var creerAdmin = new Command("creer-admin",
            "Crée un compte administrateur, ou réinitialise le mot de passe d'un identifiant existant (déverrouillé, actif, sessions fermées). " +
            "Le mot de passe est lu sur l'entrée standard (première ligne).")
        { identifiant, nom };
        database.AddTo(creerAdmin);
        creerAdmin.SetAction(parseResult => CreerAdmin(
            parseResult.GetRequiredValue(identifiant),
            parseResult.GetValue(nom),
            database.Open(parseResult),
            ReadPassword,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return new Command("comptes", "Gestion des comptes depuis le serveur") { creerAdmin };
    }

    public static int CreerAdmin(string identifiant, string? nom, Func<JalonDbContext> openDatabase, Func<TextWriter, string?> readPassword, TextWriter output, TextWriter error)
    {
        var login = Credentials.NormalizeLogin(identifiant);
        if (Credentials.LoginProblem(login) is { } badLogin)
        {
            error.WriteLine($"Identifiant refusé : {badLogin}");
            return Refused;
        }
        var password = readPassword(error);
        if (password is null)
        {
            error.WriteLine("Aucun mot de passe reçu : donnez-le en première ligne de l'entrée standard.");
            return Refused;
        }
        if (Credentials.PasswordProblem(password, login) is { } weak)
        {
            error.WriteLine($"Mot de passe refusé : {weak}");
            return Refused;
        }
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        var outcome = UserAccounts.SetAdministrator(db, login, password, nom);
        output.WriteLine(outcome == UserAccounts.AdministratorOutcome.Created
            ? $"Compte administrateur « {login} » créé. Connectez-vous à Jalon avec cet identifiant."
            : $"Mot de passe de « {login} » réinitialisé : compte déverrouillé et actif, ses sessions ouvertes sont fermées.");
        return 0;
    }

    /// <summary>The first line of standard input; at a terminal, typed without echo and confirmed.</summary>
    private static string? ReadPassword(TextWriter prompt)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        prompt.Write("Mot de passe : ");
        var first = ReadHidden();
        prompt.WriteLine();
        prompt.Write("Confirmation : ");
        var second = ReadHidden();
        prompt.WriteLine();
        if (first == second) return first;
        prompt.WriteLine("Les deux saisies diffèrent.");
        return null;
    }

    private static string ReadHidden()
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) return typed.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
