using System.Globalization;
using System.Net;
using System.Text;
using Jalon.Domain.Pilotage;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>One bar of a chart: a label and a value (null = not computable).</summary>
public sealed record Barre(string Libelle, double? Valeur, string Classe);

/// <summary>A point of the matrix scatter plot.</summary>
public sealed record PointGraphique(string Libelle, double X, double Y, bool EnEvidence, string? Lien);

/// <summary>Inline SVG charts (no script: the CSP forbids inline scripts), with a text alternative.</summary>
public static class Graphiques
{
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Horizontal bars for one ratio (N, N−1, target…), scaled on the largest value (or 100 % for rates), labelled in its unit.</summary>
    public static string Barres(string titre, IReadOnlyList<Barre> barres, Jalon.Indicators.Catalogues.Unite unite)
    {
        var taux = unite == Jalon.Indicators.Catalogues.Unite.Pourcentage;
        const int largeur = 320, hauteurBarre = 18, ecart = 6, marge = 90;
        var max = taux ? Math.Max(1.0, barres.Max(b => b.Valeur ?? 0)) : Math.Max(1e-9, barres.Max(b => b.Valeur ?? 0));
        var hauteur = barres.Count * (hauteurBarre + ecart) + ecart;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"jalon-barres\" role=\"img\" viewBox=\"0 0 {largeur + marge + 70} {hauteur}\" width=\"100%\" aria-label=\"{E(titre)}\">");
        sb.Append("<title>").Append(E(titre)).Append("</title>");
        var y = ecart;
        foreach (var b in barres)
        {
            var w = b.Valeur is { } v && v > 0 ? v / max * largeur : 0;
            var texte = b.Valeur is { } val ? Affichage.Valeur(unite, val) : "non calculable";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{marge - 6}\" y=\"{y + hauteurBarre - 5}\" text-anchor=\"end\" font-size=\"12\">{E(b.Libelle)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"{E(b.Classe)}\" x=\"{marge}\" y=\"{y}\" width=\"{F(w)}\" height=\"{hauteurBarre}\"><title>{E(b.Libelle + " : " + texte)}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(marge + w + 4)}\" y=\"{y + hauteurBarre - 5}\" font-size=\"12\">{E(texte)}</text>");
            y += hauteurBarre + ecart;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The performance × efficiency scatter plot: x = efficacité, y = performance, axes through 0 (the regional mean).</summary>
    public static string Matrice(string titre, IReadOnlyList<PointGraphique> points)
    {
        const int taille = 480, marge = 40;
        var etendue = Math.Max(2.0, points.Count == 0 ? 2 : points.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))) * 1.15);
        double X(double v) => marge + (v + etendue) / (2 * etendue) * (taille - 2 * marge);
        double Y(double v) => taille - marge - (v + etendue) / (2 * etendue) * (taille - 2 * marge);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"jalon-matrice\" role=\"img\" viewBox=\"0 0 {taille} {taille}\" width=\"100%\" style=\"max-width:{taille}px\" aria-label=\"{E(titre)}\">");
        sb.Append("<title>").Append(E(titre)).Append("</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{marge}\" y=\"{marge}\" width=\"{taille - 2 * marge}\" height=\"{taille - 2 * marge}\" fill=\"none\" stroke=\"#929292\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(0))}\" y1=\"{marge}\" x2=\"{F(X(0))}\" y2=\"{taille - marge}\" stroke=\"#666\" stroke-dasharray=\"4 3\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{marge}\" y1=\"{F(Y(0))}\" x2=\"{taille - marge}\" y2=\"{F(Y(0))}\" stroke=\"#666\" stroke-dasharray=\"4 3\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{taille / 2}\" y=\"{taille - 10}\" text-anchor=\"middle\" font-size=\"13\">Efficacité (écart à la moyenne régionale) →</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{taille / 2}\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 14 {taille / 2})\">Performance →</text>");
        foreach (var p in points)
        {
            var cx = F(X(p.X));
            var cy = F(Y(p.Y));
            var info = $"{p.Libelle} — efficacité {Euros.Reel(p.X, 2)}, performance {Euros.Reel(p.Y, 2)}";
            if (p.Lien is not null) sb.Append("<a href=\"").Append(E(p.Lien)).Append("\">");
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{(p.EnEvidence ? 8 : 6)}\" fill=\"{(p.EnEvidence ? "#e1000f" : "#000091")}\" fill-opacity=\"0.8\"><title>{E(info)}</title></circle>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(p.X) + 9)}\" y=\"{F(Y(p.Y) + 4)}\" font-size=\"11\">{E(p.Libelle)}</text>");
            if (p.Lien is not null) sb.Append("</a>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
