using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>The identity and situation of a young person, as typed in the form (creation and modification).</summary>
public sealed partial class IdentiteInput
{
    public string? Nom { get; set; }
    public string? Prenom { get; set; }
    public DateOnly? Naissance { get; set; }
    public string? Sexe { get; set; }
    public string? Niveau { get; set; }
    public bool Diplome { get; set; }
    public string? Commune { get; set; }
    public bool Qpv { get; set; }
    public bool Zrr { get; set; }
    public DateOnly? PremierAccueil { get; set; }
    public int? ConseillerId { get; set; }
    public string? Telephone { get; set; }
    public string? Email { get; set; }

    /// <summary>The version of the file when the form was opened (optimistic concurrency).</summary>
    public int Version { get; set; }

    public static IdentiteInput From(JeuneEntity j) => new()
    {
        Nom = j.Nom, Prenom = j.Prenom, Naissance = j.Naissance, Sexe = j.Sexe.ToString(), Niveau = j.Niveau.ToString(),
        Diplome = j.Diplome, Commune = j.Commune, Qpv = j.Qpv, Zrr = j.Zrr, PremierAccueil = j.PremierAccueil,
        ConseillerId = j.ConseillerId, Telephone = j.Telephone, Email = j.Email, Version = j.Version,
    };

    /// <summary>Checks the fields (French messages at each field); true when they can be saved.</summary>
    public bool Validate(ModelStateDictionary state, DateOnly today, IReadOnlySet<int> conseillers)
    {
        const string p = "Input.";
        if (string.IsNullOrWhiteSpace(Nom)) state.AddModelError(p + nameof(Nom), "Saisissez le nom de famille.");
        else if (Nom.Trim().Length > TextLimits.Nom) state.AddModelError(p + nameof(Nom), TextLimits.Message("Le nom", TextLimits.Nom));
        if (string.IsNullOrWhiteSpace(Prenom)) state.AddModelError(p + nameof(Prenom), "Saisissez le prénom.");
        else if (Prenom.Trim().Length > TextLimits.Nom) state.AddModelError(p + nameof(Prenom), TextLimits.Message("Le prénom", TextLimits.Nom));
        if (Telephone is { } tel && tel.Trim().Length > TextLimits.Telephone) state.AddModelError(p + nameof(Telephone), TextLimits.Message("Le téléphone", TextLimits.Telephone));
        if (Naissance is null) { if (!state.ContainsKey(p + nameof(Naissance)) || state[p + nameof(Naissance)]!.Errors.Count == 0) state.AddModelError(p + nameof(Naissance), "Saisissez la date de naissance, au format jj/mm/aaaa."); }
        else if (Naissance > today) state.AddModelError(p + nameof(Naissance), "La date de naissance ne peut pas être dans le futur.");
        else if (Naissance < today.AddYears(-100)) state.AddModelError(p + nameof(Naissance), "La date de naissance est trop ancienne : vérifiez l'année.");
        if (!Enum.TryParse<Sexe>(Sexe, out _)) state.AddModelError(p + nameof(Sexe), "Choisissez le sexe.");
        if (!Enum.TryParse<Niveau>(Niveau, out _)) state.AddModelError(p + nameof(Niveau), "Choisissez le niveau de formation atteint.");
        if (!string.IsNullOrWhiteSpace(Commune))
        {
            Commune = Commune.Trim().ToUpperInvariant();
            var code = Commune.Split(' ', 2)[0];
            if (!CodeCommune().IsMatch(code) || !Communes.Exists(code))
                state.AddModelError(p + nameof(Commune), "Choisissez une commune de la liste, ou saisissez un code INSEE de commune (5 caractères, par exemple 26281 pour Romans-sur-Isère).");
            else
                Commune = code;
        }
        if (PremierAccueil is null) { if (!state.ContainsKey(p + nameof(PremierAccueil)) || state[p + nameof(PremierAccueil)]!.Errors.Count == 0) state.AddModelError(p + nameof(PremierAccueil), "Saisissez la date du premier accueil, au format jj/mm/aaaa."); }
        else if (PremierAccueil > today) state.AddModelError(p + nameof(PremierAccueil), "Le premier accueil ne peut pas être dans le futur.");
        else if (Naissance is { } n && PremierAccueil < n) state.AddModelError(p + nameof(PremierAccueil), "Le premier accueil ne peut pas précéder la naissance.");
        if (ConseillerId is { } c && !conseillers.Contains(c)) state.AddModelError(p + nameof(ConseillerId), "Choisissez un conseiller de la structure.");
        if (!string.IsNullOrWhiteSpace(Email) && !Email.Contains('@', StringComparison.Ordinal)) state.AddModelError(p + nameof(Email), "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.");
        else if (Email is { } mail && mail.Trim().Length > TextLimits.Email) state.AddModelError(p + nameof(Email), TextLimits.Message("L'adresse électronique", TextLimits.Email));
        return state.IsValid;
    }

    public void ApplyTo(JeuneEntity j)
    {
        j.Nom = Nom!.Trim();
        j.Prenom = Prenom!.Trim();
        j.Naissance = Naissance!.Value;
        j.Sexe = Enum.Parse<Sexe>(Sexe!);
        j.Niveau = Enum.Parse<Niveau>(Niveau!);
        j.Diplome = Diplome;
        j.Commune = string.IsNullOrWhiteSpace(Commune) ? null : Commune;
        j.Qpv = Qpv;
        j.Zrr = Zrr;
        j.PremierAccueil = PremierAccueil!.Value;
        j.ConseillerId = ConseillerId;
        j.Telephone = string.IsNullOrWhiteSpace(Telephone) ? null : Telephone.Trim();
        j.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
    }

    [GeneratedRegex("^([0-9]{5}|2[AB][0-9]{3})$")]
    private static partial Regex CodeCommune();
}
