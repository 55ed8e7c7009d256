namespace Jalon.Domain.Accounts;

/// <summary>
/// The rules of Jalon's credentials, in one place: what an identifier may be and what a password must be. Every entry
/// point calls them — <c>./jalon comptes creer-admin</c>, the accounts page, the password change and reset.
/// </summary>
public static class Credentials
{
    public const int MaxLoginLength = 64;

    /// <summary>
    /// The published password of the demo accounts (README, docs/web.md). It passes the rules of length and kinds, so it
    /// is refused by name: a real account never gets it, and a production start refuses to sign in with it.
    /// </summary>
    public const string DemoPassword = "Jalon-demo-2026";

    /// <summary>Four kinds of characters need this length…</summary>
    public const int MinLengthFourKinds = 12;

    /// <summary>…three kinds need this one (ANSSI's guide on passwords: length makes up for fewer kinds).</summary>
    public const int MinLengthThreeKinds = 14;

    /// <summary>Identifiers are compared in lower case, without surrounding spaces.</summary>
    public static string NormalizeLogin(string? login) => (login ?? "").Trim().ToLowerInvariant();

    /// <summary>A French message when a (normalized) identifier is not acceptable, else null.</summary>
    public static string? LoginProblem(string login) =>
        login.Length is 0 or > MaxLoginLength || !login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? $"Saisissez un identifiant de 1 à {MaxLoginLength} caractères : lettres, chiffres, point, tiret ou tiret bas."
            : null;

    /// <summary>How the rule reads in a form's hint.</summary>
    public const string PasswordRule =
        "12 caractères au moins avec minuscules, majuscules, chiffres et symboles, ou 14 avec trois de ces sortes ; ni le mot de passe de démonstration, ni votre identifiant";

    /// <summary>A French message when <paramref name="password"/> is too weak for the account <paramref name="login"/>, else null.</summary>
    public static string? PasswordProblem(string? password, string? login)
    {
        password ??= "";
        var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (password.Length < MinLengthFourKinds || (kinds < 4 && password.Length < MinLengthThreeKinds) || kinds < 3)
            return "Le mot de passe doit comporter au moins 12 caractères mêlant minuscules, majuscules, chiffres et symboles, " +
                   "ou au moins 14 caractères mêlant trois de ces quatre sortes.";
        if (string.Equals(password, DemoPassword, StringComparison.OrdinalIgnoreCase))
            return "Ce mot de passe est celui, publié, des comptes de démonstration : choisissez-en un autre.";
        if (DerivedFromLogin(password, login))
            return "Le mot de passe ne doit pas reprendre l'identifiant : choisissez-en un sans lien avec lui.";
        return null;
    }

    /// <summary>
    /// True when the password contains the identifier, or one of its parts of 4 letters or more (« h.robert » → « robert »),
    /// forwards or backwards, ignoring case and punctuation.
    /// </summary>
    private static bool DerivedFromLogin(string password, string? login)
    {
        var pwd = Letters(password);
        var id = Letters(login ?? "");
        if (id.Length >= 3 && (pwd.Contains(id, StringComparison.Ordinal) || pwd.Contains(Reverse(id), StringComparison.Ordinal))) return true;
        foreach (var part in (login ?? "").ToLowerInvariant().Split(['.', '-', '_', '@', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Letters(part);
            if (p.Length >= 4 && (pwd.Contains(p, StringComparison.Ordinal) || pwd.Contains(Reverse(p), StringComparison.Ordinal))) return true;
        }
        return false;
    }

    private static string Letters(string s) => new([.. s.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static string Reverse(string s) => new([.. s.Reverse()]);
}
