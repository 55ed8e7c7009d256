using System.Globalization;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Financement;

/// <summary>
/// The two input files of <c>./jalon financement</c>, read from their text (the command reads the file): the weights
/// (<c>axe;indicateur;poids</c>) and the axis-3 decisions (<c>structure;montant;argument</c>). UTF-8 (BOM tolerated),
/// header row, <c>;</c> or <c>,</c> detected from the header, RFC 4180 quotes on one line, decimals with <c>.</c> or
/// <c>,</c>. Every problem is reported as <c>fichier:ligne: colonne: message</c>, all of them.
/// </summary>
public static class FichiersFinancement
{
    public sealed record Lecture<T>(IReadOnlyList<T> Valeurs, IReadOnlyList<string> Erreurs)
    {
        public bool EstValide => Erreurs.Count == 0;
    }

    /// <summary>The weights of the computed axes' indicators: each row names a computed axis and one of its indicators.</summary>
    public static Lecture<((int Axe, string Cle) Indicateur, decimal Poids)> LirePoids(string nom, string texte, GrilleFinancement grille)
    {
        var valeurs = new List<((int, string), decimal)>();
        var erreurs = new List<string>();
        var vus = new Dictionary<(int, string), int>();
        foreach (var (ligne, cells) in Lignes(nom, texte, ["axe", "indicateur", "poids"], erreurs))
        {
            var ok = true;
            void Err(string col, string message)
            {
                erreurs.Add($"{nom}:{ligne}: {col}: {message}");
                ok = false;
            }
            var axeTexte = cells["axe"];
            AxeFinancement? axe = null;
            if (!int.TryParse(axeTexte, NumberStyles.None, CultureInfo.InvariantCulture, out var numero) || grille.Axes.All(a => a.Numero != numero))
                Err("axe", $"axe « {axeTexte} » inconnu (attendu {string.Join(", ", grille.Axes.Where(a => !a.EstDecide).Select(a => a.Numero))})");
            else if ((axe = grille.Axe(numero)).EstDecide)
                Err("axe", $"l'axe {numero} est décidé structure par structure (fichier --axe3) : il n'a pas de poids");
            var cle = cells["indicateur"];
            if (axe is { EstDecide: false } && !axe.Indicateurs.Contains(cle, StringComparer.Ordinal))
                Err("indicateur", $"indicateur « {cle} » hors de l'axe {axe.Numero} (attendu {string.Join(", ", axe.Indicateurs)})");
            var poids = Decimal(cells["poids"]);
            if (poids is null || poids < 0) Err("poids", $"poids « {cells["poids"]} » invalide (attendu un nombre positif ou nul, 2 ou 1,5)");
            if (!ok) continue;
            if (vus.TryGetValue((numero, cle), out var deja)) { Err("indicateur", $"poids de {cle} (axe {numero}) déjà donné ligne {deja}"); continue; }
            vus[(numero, cle)] = ligne;
            valeurs.Add(((numero, cle), poids!.Value));
        }
        foreach (var axe in grille.Axes.Where(a => !a.EstDecide))
        {
            var donnes = valeurs.Where(v => v.Item1.Item1 == axe.Numero).ToArray();
            if (donnes.Length > 0 && donnes.Length == axe.Indicateurs.Count && donnes.All(v => v.Item2 == 0))
                erreurs.Add($"{nom}:0: poids: tous les poids de l'axe {axe.Numero} sont nuls (au moins un poids non nul)");
        }
        return new(valeurs, erreurs);
    }

    /// <summary>The axis-3 decisions: a structure of the region, an amount in euros (≥ 0, at most 2 decimals), an argued text.</summary>
    public static Lecture<DecisionAxe> LireDecisions(string nom, string texte, IReadOnlyCollection<string> structures)
    {
        var valeurs = new List<DecisionAxe>();
        var erreurs = new List<string>();
        var vus = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (ligne, cells) in Lignes(nom, texte, ["structure", "montant", "argument"], erreurs))
        {
            var ok = true;
            void Err(string col, string message)
            {
                erreurs.Add($"{nom}:{ligne}: {col}: {message}");
                ok = false;
            }
            var structure = cells["structure"];
            if (!structures.Contains(structure)) Err("structure", $"structure « {structure} » absente de la région");
            else if (vus.TryGetValue(structure, out var deja)) Err("structure", $"décision pour {structure} déjà donnée ligne {deja}");
            var montant = Decimal(cells["montant"]);
            if (montant is null || montant < 0 || decimal.Round(montant.Value, 2) != montant)
                Err("montant", $"montant « {cells["montant"]} » invalide (attendu des euros positifs, au plus 2 décimales : 12500 ou 12500,50)");
            var argument = cells["argument"].Trim();
            if (argument.Length == 0) Err("argument", "argument manquant : le choix de la Région est argumenté (seed 001)");
            if (!ok) continue;
            vus[structure] = ligne;
            valeurs.Add(new DecisionAxe(structure, montant!.Value, argument));
        }
        return new(valeurs, erreurs);
    }

    /// <summary>Parses « 12500 », « 12500.5 » or « 12 500,50 » (French Excel), or null.</summary>
    public static decimal? Decimal(string text)
    {
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static IEnumerable<(int Ligne, Dictionary<string, string> Cells)> Lignes(string nom, string texte, string[] colonnes, List<string> erreurs)
    {
        if (texte.Length > 0 && texte[0] == '\uFEFF') texte = texte[1..];
        var lines = texte.Split('\n');
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
        {
            erreurs.Add($"{nom}:1: -: fichier vide (attendu l'en-tête {string.Join(";", colonnes)})");
            yield break;
        }
        var header = lines[0].TrimEnd('\r');
        var sep = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var names = Split(header, sep, out _).Select(h => h.Trim()).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in colonnes)
        {
            var i = names.IndexOf(c);
            if (i < 0) erreurs.Add($"{nom}:1: {c}: colonne manquante (en-tête attendu : {string.Join(";", colonnes)})");
            else index[c] = i;
        }
        if (index.Count < colonnes.Length) yield break;
        for (var l = 1; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var cells = Split(line, sep, out var quoteError);
            if (quoteError)
            {
                erreurs.Add($"{nom}:{l + 1}: -: guillemet non fermé");
                continue;
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (c, i) in index) row[c] = i < cells.Count ? cells[i] : "";
            yield return (l + 1, row);
        }
    }

    private static List<string> Split(string line, char sep, out bool quoteError)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == sep) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        quoteError = quoted;
        return cells;
    }
}
