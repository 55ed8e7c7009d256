using Jalon.Domain.Pilotage;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>What an indicator measures, which decides how it is shown and whether secrecy applies.</summary>
public enum NatureIndicateur : byte
{
    /// <summary>A count of young people: subject to statistical secrecy.</summary>
    Comptage,

    /// <summary>A territory figure (JANO, DEFM): public context, not secret.</summary>
    Contexte,

    /// <summary>A ratio or a rate.</summary>
    Ratio,

    /// <summary>A mean duration in months.</summary>
    Moyenne,

    /// <summary>Money in euros.</summary>
    Montant,

    /// <summary>Full-time equivalents.</summary>
    Etp,
}

/// <summary>The figures of one indicator for one territory and period: value and breakdowns.</summary>
public sealed record ResultatIndicateur(string Cle, double? Valeur, IReadOnlyDictionary<string, double?> Ventilations);

/// <summary>An indicator of the catalogue, as the dashboard needs it.</summary>
public sealed record DefinitionIndicateur(string Cle, string Libelle, string Definition, NatureIndicateur Nature);

/// <summary>One cell as shown (secrecy applied) and as exported (the same figure, or « &lt; 5 »).</summary>
public sealed record Cellule(string Affiche, CelluleExport Export, bool Masquee)
{
    public static readonly Cellule Vide = new("—", CelluleExport.Vide, false);
}

public sealed record LigneTableau(
    DefinitionIndicateur Definition,
    Cellule N,
    Cellule N1,
    Cellule Evolution,
    IReadOnlyList<Cellule> Ventilations);

/// <summary>
/// The CPO dashboard of one territory for a period, with N−1 beside each figure and its change, the breakdowns,
/// and statistical secrecy applied for the roles that see aggregates only. The screen and the exports read the
/// same cells.
/// </summary>
public static class TableauDeBord
{
    /// <summary>The breakdowns of fiche n°2 (plus NEET), as keyed in the catalogue results.</summary>
    public static readonly IReadOnlyList<(string Cle, string Libelle)> Ventilations =
    [
        ("femmes", "Femmes"),
        ("infra_v", "Infra V"),
        ("qpv", "QPV"),
        ("zrr", "ZRR"),
        ("neet", "NEET"),
    ];

    /// <summary>
    /// The counts a rate or mean is built on: when one of them is hidden, the rate is hidden too.
    /// « N−1:K » is K in the previous period; « num:K » is the numerator value × K (for R6, whose numerator is not a key).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Dependances = new Dictionary<string, string[]>
    {
        ["R1"] = ["I1"],
        ["R2"] = ["I2", "N−1:I2"],
        ["R3"] = ["I2.1", "I2"],
        ["R4"] = ["I2bis"],
        ["R5"] = ["I3", "I1"],
        ["R6"] = ["I3", "num:I3"],
        ["R7"] = ["I4.1", "I2bis"],
        ["R8"] = ["I4.1.i", "I4.1.fin"],
        ["R9"] = ["I4.2.s12", "I4.2.c12"],
        ["R10"] = ["I8.1.f", "I8.1"],
        ["R11"] = ["I8.1.i", "I8.1"],
        ["R13"] = ["I4"],
        ["I5"] = ["I8"],
        ["I7"] = ["I8"],
        ["I10.1.d"] = ["I1"],
        ["I10.1.e"] = ["I4"],
    };

    /// <summary>The nature of a catalogue key when the catalogue does not say.</summary>
    public static NatureIndicateur NatureDe(string cle) => cle switch
    {
        _ when cle.StartsWith("C0", StringComparison.Ordinal) => NatureIndicateur.Contexte,
        _ when cle.StartsWith('R') => NatureIndicateur.Ratio,
        _ when cle.EndsWith(".part", StringComparison.Ordinal) => NatureIndicateur.Ratio,
        "I5" or "I7" => NatureIndicateur.Moyenne,
        "I9" or "I9.1" => NatureIndicateur.Etp,
        _ when cle.StartsWith("I10", StringComparison.Ordinal) => NatureIndicateur.Montant,
        _ => NatureIndicateur.Comptage,
    };

    public static IReadOnlyList<LigneTableau> Construire(
        IReadOnlyList<DefinitionIndicateur> catalogue,
        IReadOnlyDictionary<string, ResultatIndicateur> n,
        IReadOnlyDictionary<string, ResultatIndicateur> n1,
        bool secret,
        IReadOnlyDictionary<string, string[]>? dependances = null)
    {
        dependances ??= Dependances;
        var lignes = new List<LigneTableau>(catalogue.Count);
        foreach (var def in catalogue)
        {
            var rn = n.GetValueOrDefault(def.Cle);
            var rn1 = n1.GetValueOrDefault(def.Cle);
            var cn = Valeur(def, rn?.Valeur, secret && Masque(def.Cle, def.Nature, rn?.Valeur, n, n1, dependances));
            var cn1 = Valeur(def, rn1?.Valeur, secret && Masque(def.Cle, def.Nature, rn1?.Valeur, n1, null, dependances));
            var ventilations = Ventilations.Select(v =>
            {
                double? x = rn is not null && rn.Ventilations.TryGetValue(v.Cle, out var val) ? val : null;
                if (def.Nature != NatureIndicateur.Comptage || x is null) return Cellule.Vide;
                return Comptage((long)x.Value, secret);
            }).ToList();
            lignes.Add(new LigneTableau(def, cn, cn1, Evolution(def, rn?.Valeur, rn1?.Valeur, cn.Masquee || cn1.Masquee), ventilations));
        }
        return lignes;
    }

    /// <summary>Is this figure hidden under secrecy (a small count, or built on one)?</summary>
    public static bool Masque(string cle, NatureIndicateur nature, double? valeur,
        IReadOnlyDictionary<string, ResultatIndicateur> periode, IReadOnlyDictionary<string, ResultatIndicateur>? precedente,
        IReadOnlyDictionary<string, string[]>? dependances = null)
    {
        if (nature == NatureIndicateur.Comptage) return valeur is { } v && v < SecretStatistique.Seuil;
        if (!(dependances ?? Dependances).TryGetValue(cle, out var deps)) return false;
        foreach (var d in deps)
        {
            double? c;
            if (d.StartsWith("N−1:", StringComparison.Ordinal))
                c = precedente?.GetValueOrDefault(d[4..])?.Valeur;
            else if (d.StartsWith("num:", StringComparison.Ordinal))
                c = valeur is { } r && periode.GetValueOrDefault(d[4..])?.Valeur is { } den ? Math.Round(r * den) : null;
            else
                c = periode.GetValueOrDefault(d)?.Valeur;
            if (c is { } x && x < SecretStatistique.Seuil) return true;
        }
        return false;
    }

    public static Cellule Comptage(long valeur, bool secret) =>
        SecretStatistique.EstMasque(valeur, secret)
            ? new Cellule(SecretStatistique.Masque, SecretStatistique.Masque, true)
            : new Cellule(Euros.Entier(valeur), CelluleExport.De(valeur), false);

    private static Cellule Valeur(DefinitionIndicateur def, double? valeur, bool masque)
    {
        if (valeur is null) return new Cellule("—", CelluleExport.Vide, false);
        if (masque) return new Cellule(SecretStatistique.Masque, SecretStatistique.Masque, true);
        var v = valeur.Value;
        var affiche = def.Nature switch
        {
            NatureIndicateur.Comptage or NatureIndicateur.Contexte => Euros.Entier((long)Math.Round(v)),
            NatureIndicateur.Ratio => EstTaux(def.Cle) ? Euros.Pourcentage(v) : Euros.Reel(v, 2),
            NatureIndicateur.Moyenne => Euros.Reel(v, 1) + "\u00A0mois",
            NatureIndicateur.Montant => Euros.Format(Math.Round((decimal)v, 2)),
            NatureIndicateur.Etp => Euros.Reel(v, 2),
            _ => Euros.Reel(v, 2),
        };
        return new Cellule(affiche, CelluleExport.De(v), false);
    }

    /// <summary>R2 (N/N−1) and R13 (young people per FTE) are not rates; the others are.</summary>
    public static bool EstTaux(string cle) => cle is not ("R2" or "R13");

    private static Cellule Evolution(DefinitionIndicateur def, double? n, double? n1, bool masque)
    {
        if (n is null || n1 is null) return Cellule.Vide;
        if (masque) return new Cellule(SecretStatistique.Masque, SecretStatistique.Masque, true);
        var d = n.Value - n1.Value;
        string affiche;
        if (def.Nature is NatureIndicateur.Comptage or NatureIndicateur.Contexte)
        {
            var pct = n1.Value != 0 ? " (" + Signe(d / n1.Value * 100, 1) + "\u00A0%)" : "";
            affiche = Signe(d, 0) + pct;
        }
        else if (def.Nature == NatureIndicateur.Ratio && EstTaux(def.Cle))
        {
            affiche = Signe(d * 100, 1) + "\u00A0pt";
        }
        else
        {
            affiche = Signe(d, 2);
        }
        return new Cellule(affiche, CelluleExport.De(d), false);
    }

    private static string Signe(double v, int decimales)
    {
        var texte = Euros.Reel(Math.Abs(v), decimales);
        return texte == "0" ? "0" : (v > 0 ? "+" : "−") + texte;
    }
}
