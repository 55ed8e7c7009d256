namespace Jalon.Domain;

/// <summary>
/// The longest free texts Jalon keeps, in characters: one place for the forms (French messages), the storage model
/// (column sizes, checked on every save on both databases) and the rules of the domain.
/// </summary>
public static class TextLimits
{
    /// <summary>A young person's last name or first name.</summary>
    public const int Nom = 100;

    /// <summary>An e-mail address (RFC 5321: 254).</summary>
    public const int Email = 254;

    public const int Telephone = 30;

    /// <summary>An internal comment on a contact, or the synthesis of a diagnostic.</summary>
    public const int Commentaire = 2000;

    /// <summary>The counsellor's observations on one domain of a diagnostic.</summary>
    public const int NoteDiagnostic = 2000;

    /// <summary>The stable identifier of an event in the exchange format (column <c>id</c>).</summary>
    public const int IdentifiantEvenement = 64;

    /// <summary>An analysis or a comment of one step of the dialogue de gestion.</summary>
    public const int TexteDialogue = 10_000;

    /// <summary>One cell of the plan d'action (forces, axes de progrès, actions prioritaires).</summary>
    public const int TextePlanAction = 5000;

    /// <summary>A short comment: a target's comment, a motive (renvoi, financement, effacement), a journal comment.</summary>
    public const int Motif = 1000;

    /// <summary>The detail of an audit row.</summary>
    public const int DetailAudit = 500;

    /// <summary>A user's display name or login.</summary>
    public const int NomUtilisateur = 200;

    /// <summary>Who made a change (login or display name) in a journal.</summary>
    public const int Auteur = 200;

    /// <summary>The number of a convention (CPO).</summary>
    public const int NumeroConvention = 50;

    public const int Siret = 14;

    public const int CodeApe = 10;

    public const int StatutJuridique = 100;

    /// <summary>A typed text as kept: line ends as \n, trimmed; null when blank.</summary>
    public static string? Normaliser(string? texte) =>
        string.IsNullOrWhiteSpace(texte) ? null : texte.ReplaceLineEndings("\n").Trim();

    /// <summary>The French message of a text over its limit, e.g. « Le commentaire ne doit pas dépasser 2 000 caractères. ».</summary>
    public static string Message(string libelle, int limite) =>
        $"{libelle} ne doit pas dépasser {limite.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} caractères.";
}
