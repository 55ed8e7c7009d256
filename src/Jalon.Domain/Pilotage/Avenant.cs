using Jalon.Domain.Plans;

namespace Jalon.Domain.Pilotage;

/// <summary>A priority action of the plan d'action as annexed: its theme, title, pilot, deadline and status.</summary>
public sealed record ActionAnnexee(ThemePlanAction Theme, string Titre, string? Pilote, DateOnly? Echeance, StatutAction Statut);

/// <summary>The Mission Locale as a party to the avenant.</summary>
public sealed record Association(
    string Nom,
    string Adresse = "",
    string Courriel = "",
    string Telephone = "",
    string StatutJuridique = "Association loi 1901",
    string Siret = "",
    string CodeApe = "");

/// <summary>A sum in figures and in words.</summary>
public sealed record Somme(decimal Montant)
{
    public string EnChiffres => Euros.Format(Montant);
    public string EnLettres => MontantEnLettres.Euros(Montant);
}

/// <summary>
/// The content of the avenant to the CPO (instruction 2015, annexe 2, fiche n°4): parties, amounts in figures and in words,
/// advance of 50 % and balance of the yearly subvention, annexed plan d'action and targets.
/// A draft (<see cref="EstProjet"/>) until the dialogue is concluded.
/// </summary>
public sealed record Avenant
{
    public required int Numero { get; init; }
    public required string NumeroConvention { get; init; }
    public required DateOnly? DateNotificationConvention { get; init; }
    public required int AnneeDebutConvention { get; init; }
    public required int AnneeFinConvention { get; init; }
    public required int Annee { get; init; }
    public required Association Association { get; init; }

    /// <summary>« Le Préfet de la Région …, représenté par le DIRECCTE ».</summary>
    public required string RepresentantEtat { get; init; }

    public required MontantsAnnuels Montants { get; init; }
    public required IReadOnlyList<Objectif> Objectifs { get; init; }
    /// <summary>The synthesis of the plan d'action (strengths, areas for progress per theme).</summary>
    public required IReadOnlyList<LignePlanAction> PlanAction { get; init; }

    /// <summary>The priority actions: the action sheets of the dialogue's plan d'action.</summary>
    public required IReadOnlyList<ActionAnnexee> Actions { get; init; }
    public required bool EstProjet { get; init; }
    public required DateOnly? DateSignature { get; init; }

    public Somme Total => new(Montants.Total);
    public Somme Subvention => new(Montants.SubventionCpo);
    public Somme Parrainage => new(Montants.Parrainage);
    public Somme Fipj => new(Montants.Fipj);
    public Somme FipjAidesDirectes => new(Montants.FipjAidesDirectes);
    public Somme FipjAidesIndirectes => new(Montants.FipjAidesIndirectes);

    /// <summary>Advance « dans la limite de 50 % » of the yearly subvention: half, rounded down to the cent.</summary>
    public Somme Avance => new(Math.Floor(Montants.SubventionCpo * 50m) / 100m);

    /// <summary>Balance paid after the financial review: subvention − advance.</summary>
    public Somme Solde => new(Montants.SubventionCpo - Avance.Montant);

    public DateOnly DateFin => new(Annee, 12, 31);

    /// <summary>Builds the avenant of a dialogue's year from the convention's amounts in force that year.</summary>
    public static Avenant Etablir(DialogueDeGestion dialogue, ConventionPluriannuelle convention, Association association, string representantEtat, Plan? planAction = null)
    {
        if (dialogue.Structure != convention.Structure)
            throw new PilotageException("La convention n'est pas celle de la Mission locale du dialogue.");
        var montants = convention.MontantsDe(dialogue.Annee)
            ?? throw new PilotageException($"Aucun financement n'est fixé pour {dialogue.Annee} dans la convention n° {convention.Numero}.");
        return new Avenant
        {
            Numero = dialogue.Annee - convention.AnneeDebut,
            NumeroConvention = convention.Numero,
            DateNotificationConvention = convention.DateNotification,
            AnneeDebutConvention = convention.AnneeDebut,
            AnneeFinConvention = convention.AnneeFin,
            Annee = dialogue.Annee,
            Association = association,
            RepresentantEtat = representantEtat,
            Montants = montants,
            Objectifs = dialogue.Objectifs,
            PlanAction = dialogue.PlanAction,
            Actions = planAction is null ? [] : [.. Referentiel.Themes.SelectMany(t => PlanActionDuDialogue.Actions(planAction, t)
                .Select(a => new ActionAnnexee(t, a.Contenu.Titre, a.Contenu.Pilote?.Nom, a.Contenu.Echeance, a.Statut)))],
            EstProjet = !dialogue.EstFige,
            DateSignature = dialogue.DateSignatureAvenant,
        };
    }
}
