namespace Jalon.Domain.Dispositifs;

/// <summary>The PACEA values in force on <see cref="Date"/> (<see cref="ReglesDispositifs.Pacea"/>; décret 2016-1855).</summary>
public sealed record ReglesPacea(
    DateOnly Date,
    int DelaiSignatureMois,
    int DureeMaxMois,
    decimal MontantRsa,
    decimal ForfaitLogementTaux,
    decimal PlafondAnnuelEnRsa,
    decimal AutresRevenusCumulables)
{
    /// <summary>The monthly allowance cap: the RSA amount less the housing share, rounded to the cent.</summary>
    public decimal AllocationMensuelleMax => Math.Round(MontantRsa * (1 - ForfaitLogementTaux), 2, MidpointRounding.AwayFromZero);

    /// <summary>The allowance paid over twelve months, at most: <see cref="PlafondAnnuelEnRsa"/> × the RSA amount.</summary>
    public decimal AllocationAnnuelleMax => Math.Round(MontantRsa * PlafondAnnuelEnRsa, 2, MidpointRounding.AwayFromZero);

    internal static ReglesPacea From(ReglesDispositifs r, DateOnly d) => new(
        d,
        (int)r.Valeur("pacea.delai_signature_mois", d),
        (int)r.Valeur("pacea.duree_max_mois", d),
        r.Valeur("rsa.montant", d),
        r.Valeur("rsa.forfait_logement_taux", d),
        r.Valeur("pacea.plafond_annuel_rsa", d),
        r.Valeur("pacea.autres_revenus_cumulables", d));
}
