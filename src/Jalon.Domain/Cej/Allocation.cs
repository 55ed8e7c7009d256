using System.Globalization;
using Jalon.Domain.Dispositifs;

namespace Jalon.Domain.Cej;

/// <summary>The tax situation of the young person's household, as the counsellor records it for the allowance.</summary>
public enum FoyerFiscal : byte
{
    NonImposable,
    PremiereTranche,
}

/// <summary>
/// What the allowance of one month is computed from (docs/cej.md, « Le calcul »).
/// </summary>
/// <param name="Mois">The first day of the month the allowance is due for.</param>
/// <param name="Naissance">The young person's birth date: a minor on the first day of the month gets the minor's amount.</param>
/// <param name="AutresRevenus">Other activity income of the month, in euros.</param>
/// <param name="RsaOuPrimeActivite">The young person receives the RSA or the prime d'activité this month.</param>
/// <param name="AbsencesDuMois">Unjustified absences of the month.</param>
/// <param name="AbsencesAnterieures">Unjustified absences of the same contract in earlier months (they set the rank on the scale).</param>
public sealed record EntreeAllocation(
    DateOnly Mois, DateOnly Naissance, FoyerFiscal Foyer, decimal AutresRevenus, bool RsaOuPrimeActivite, int AbsencesDuMois, int AbsencesAnterieures);

/// <summary>The amount due for a month and how it was reached, in French.</summary>
public sealed record MontantAllocation(decimal Montant, SituationAllocation Situation, decimal Base, decimal RetenueAbsences, decimal DeductionRevenus, string Calcul);

/// <summary>
/// The CEJ monthly allowance: a pure computation over the rule set in force on the first day of the month
/// (<see cref="ReglesDispositifs.Cej"/>; the PACEA's combinable income, the CEJ being a phase of the PACEA in a Mission Locale).
/// No value of a rule is written here: a revaluation or a new scale is a dated value of the rule set.
/// </summary>
public static class Allocation
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The first day of the month of <paramref name="day"/>.</summary>
    public static DateOnly MoisDe(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// The situation of the month: a minor on the first day of the month (18th birthday after the 1st) is paid the minor's amount
    /// for the whole month, the adult amount from the month after (docs/cej.md); an adult's amount follows the household.
    /// </summary>
    public static SituationAllocation Situation(DateOnly mois, DateOnly naissance, FoyerFiscal foyer) =>
        Dates.AgeOn(naissance, MoisDe(mois)) < 18 ? SituationAllocation.Mineur
        : foyer == FoyerFiscal.NonImposable ? SituationAllocation.MajeurNonImposable
        : SituationAllocation.MajeurPremiereTranche;

    /// <summary>
    /// The amount due: the amount of the situation; nothing with the RSA or the prime d'activité; less the reduction of each
    /// unjustified absence of the month by its rank in the contract (the scale's last step for any later rank; at most the whole
    /// allowance); less the other income above the combinable amount, euro for euro; never below zero; rounded to the cent.
    /// </summary>
    /// <exception cref="ArgumentException">A month before the CEJ existed, or negative inputs.</exception>
    public static MontantAllocation Calculer(ReglesDispositifs regles, EntreeAllocation e)
    {
        ArgumentNullException.ThrowIfNull(regles);
        ArgumentNullException.ThrowIfNull(e);
        var mois = MoisDe(e.Mois);
        var cej = regles.Cej(mois) ?? throw new ArgumentException($"Pas de contrat d'engagement jeune en {mois:MM/yyyy} : il existe depuis mars 2022.", nameof(e));
        var pacea = regles.Pacea(mois) ?? throw new ArgumentException($"Pas de PACEA en {mois:MM/yyyy}.", nameof(e));
        if (e.AutresRevenus < 0 || e.AbsencesDuMois < 0 || e.AbsencesAnterieures < 0)
            throw new ArgumentException("Les revenus et les absences ne peuvent pas être négatifs.", nameof(e));

        var situation = Situation(mois, e.Naissance, e.Foyer);
        var montantBase = cej.Allocation(situation);
        var lignes = new List<string> { $"{Libelle(situation)} au {mois:dd/MM/yyyy} : {Euros(montantBase)} (barème en vigueur le {mois:dd/MM/yyyy})" };
        if (e.RsaOuPrimeActivite)
        {
            lignes.Add("RSA ou prime d'activité : allocation non cumulable, rien n'est dû");
            return new MontantAllocation(0m, situation, montantBase, 0m, 0m, string.Join(" ; ", lignes));
        }

        var part = 0m;
        var bareme = cej.RetenueAbsenceInjustifiee;
        for (var rang = e.AbsencesAnterieures + 1; rang <= e.AbsencesAnterieures + e.AbsencesDuMois && bareme.Count > 0; rang++)
            part += bareme[Math.Min(rang, bareme.Count) - 1];
        part = Math.Min(part, 1m);
        var retenue = Arrondi(montantBase * part);
        if (e.AbsencesDuMois > 0)
            lignes.Add($"{e.AbsencesDuMois} absence(s) injustifiée(s) (rangs {e.AbsencesAnterieures + 1} à {e.AbsencesAnterieures + e.AbsencesDuMois} du contrat) : retenue de {part.ToString("P0", Fr)}, {Euros(retenue)}");

        var excedent = Math.Max(0m, e.AutresRevenus - pacea.AutresRevenusCumulables);
        var apresRetenue = montantBase - retenue;
        var deduction = Math.Min(Arrondi(excedent), apresRetenue);
        if (e.AutresRevenus > 0)
            lignes.Add(excedent > 0
                ? $"Autres revenus {Euros(e.AutresRevenus)}, au-delà des {Euros(pacea.AutresRevenusCumulables)} cumulables : {Euros(deduction)} déduits"
                : $"Autres revenus {Euros(e.AutresRevenus)}, cumulables jusqu'à {Euros(pacea.AutresRevenusCumulables)} : rien n'est déduit");

        var montant = apresRetenue - deduction;
        lignes.Add($"Montant dû : {Euros(montant)}");
        return new MontantAllocation(montant, situation, montantBase, retenue, deduction, string.Join(" ; ", lignes));
    }

    public static string Libelle(SituationAllocation s) => s switch
    {
        SituationAllocation.MajeurNonImposable => "Majeur(e), foyer non imposable",
        SituationAllocation.MajeurPremiereTranche => "Majeur(e), foyer imposable à la première tranche",
        _ => "Mineur(e)",
    };

    public static string Libelle(FoyerFiscal f) => f == FoyerFiscal.NonImposable ? "Foyer non imposable" : "Foyer imposable à la première tranche";

    /// <summary>A euro amount in French (« 561,68 € »).</summary>
    public static string Euros(decimal montant) => montant.ToString("#,##0.00", Fr) + " €";

    private static decimal Arrondi(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
