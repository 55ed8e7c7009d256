using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>One cell as shown and as exported (the same figure, or the secrecy symbol).</summary>
public sealed record Cellule(string Affiche, CelluleExport Export, bool Masquee)
{
    public static readonly Cellule Vide = new("—", CelluleExport.Vide, false);

    public static readonly Cellule Secret = new(SecretStatistique.Symbole, SecretStatistique.Symbole, true);
}

public sealed record LigneTableau(
    IndicatorDefinition Definition,
    Cellule N,
    Cellule N1,
    Cellule Evolution,
    IReadOnlyList<Cellule> Ventilations);

/// <summary>
/// How a figure is written, from its unit in the catalogue: « 1 234 » young people, « 12,3 % », « 1,05 », « 243 500 € »,
/// « 1 234,56 € par jeune », « 85,2 jeunes par ETP », « 12,5 ETP », « 7,4 mois ».
/// </summary>
public static class Affichage
{
    public static string Valeur(Unite unite, double v) => unite switch
    {
        Unite.Jeunes or Unite.Nombre => Euros.Entier((long)Math.Round(v)),
        Unite.Pourcentage => Euros.Pourcentage(v),
        Unite.Ratio => Euros.Reel(v, 2),
        Unite.Euros => Euros.Format(Math.Round((decimal)v, 2)),
        Unite.EurosParJeune => Euros.Format(Math.Round((decimal)v, 2)) + " par jeune",
        Unite.JeunesParEtp => Euros.Reel(v, 1) + " jeunes par ETP",
        Unite.Etp => Euros.Reel(v, 2) + "\u00A0ETP",
        Unite.Mois => Euros.Reel(v, 1) + "\u00A0mois",
        Unite.Heures => Euros.Reel(v, 1) + "\u00A0h",
        _ => Euros.Reel(v, 0) + "\u00A0jours",
    };

    /// <summary>A published figure: its value, « — » when not computable, the secrecy symbol when masked.</summary>
    public static string Publie(Unite unite, ValeurPubliee v) =>
        v.Masquee ? SecretStatistique.Symbole : v.Valeur is { } x ? Valeur(unite, x) : "—";

    /// <summary>A change from N−1 to N: « +12 (+3,4 %) » for young people, « +1,2 pt » for a rate, signed value otherwise.</summary>
    public static string Evolution(Unite unite, double d, double? n1) => unite switch
    {
        Unite.Jeunes or Unite.Nombre => Signe(d, 0) + (n1 is { } b && b != 0 ? " (" + Signe(d / b * 100, 1) + "\u00A0%)" : ""),
        Unite.Pourcentage => Signe(d * 100, 1) + "\u00A0pt",
        Unite.Euros or Unite.EurosParJeune => Signe(d, 2) + "\u00A0€",
        Unite.Mois => Signe(d, 1) + "\u00A0mois",
        Unite.Heures => Signe(d, 1) + "\u00A0h",
        _ => Signe(d, 2),
    };

    /// <summary>The value a target is typed in (a rate in percent), back to the catalogue's unit.</summary>
    public static double Saisie(Unite unite, double tape) => unite == Unite.Pourcentage ? tape / 100 : tape;

    private static string Signe(double v, int decimales)
    {
        var texte = Euros.Reel(Math.Abs(v), decimales);
        return texte == "0" ? "0" : (v > 0 ? "+" : "−") + texte;
    }
}

/// <summary>
/// The dashboard of one territory for a period: every indicator of the catalogue with N−1 beside it and the change,
/// and the breakdowns, read from a <see cref="Publication"/> (statistical secrecy already applied for the roles it
/// applies to). The screen and the exports read the same cells.
/// </summary>
public static class TableauDeBord
{
    public static IReadOnlyList<LigneTableau> Construire(Publication publication, Level niveau, string code)
    {
        var lignes = new List<LigneTableau>(publication.Catalogue.Indicateurs.Count);
        foreach (var d in publication.Catalogue.Indicateurs)
        {
            if (d.MentionNonCalculable is { } mention)
            {
                // Listed by the grid, never computed: the reason in place of the value, on screen and in the exports.
                lignes.Add(new LigneTableau(d, new Cellule(mention, mention, false), Cellule.Vide, Cellule.Vide,
                    Ventilations.Toutes.Select(_ => Cellule.Vide).ToList()));
                continue;
            }
            var n = publication.Valeur(niveau, code, d.Cle);
            var n1 = publication.Valeur(niveau, code, d.Cle, precedente: true);
            var evolution = publication.Evolution(niveau, code, d.Cle);
            var ventilations = Ventilations.Toutes
                .Select(v => d.Nature == Nature.Effectif && d.Ventilations.Contains(v) ? CelluleDe(d.Unite, publication.Ventilation(niveau, code, d.Cle, v)) : Cellule.Vide)
                .ToList();
            lignes.Add(new LigneTableau(d, CelluleDe(d.Unite, n), CelluleDe(d.Unite, n1), CelluleEvolution(d.Unite, evolution, n1), ventilations));
        }
        return lignes;
    }

    public static Cellule CelluleDe(Unite unite, ValeurPubliee v) =>
        v.Masquee ? Cellule.Secret
        : v.Valeur is { } x ? new Cellule(Affichage.Valeur(unite, x), CelluleExport.De(x), false)
        : new Cellule("—", CelluleExport.Vide, false);

    private static Cellule CelluleEvolution(Unite unite, ValeurPubliee evolution, ValeurPubliee n1) =>
        evolution.Masquee ? Cellule.Secret
        : evolution.Valeur is { } d ? new Cellule(Affichage.Evolution(unite, d, n1.Valeur), CelluleExport.De(d), false)
        : Cellule.Vide;
}
