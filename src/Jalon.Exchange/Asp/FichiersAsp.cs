using System.Globalization;
using System.Text;

namespace Jalon.Exchange.Asp;

/// <summary>One line of the monthly request file sent to the ASP (docs/cej.md, « Les fichiers de l'ASP »).</summary>
public sealed record DemandeAsp(
    string Structure, string Jeune, string Nom, string Prenom, DateOnly Naissance, DateOnly Mois, string Situation, decimal Montant,
    DateTime ValideeLe, string ValideePar);

/// <summary>One line of the ASP's return file: the request it answers (structure, young person, month), paid or rejected with a reason.</summary>
public sealed record RetourAsp(int Ligne, string Structure, string Jeune, DateOnly Mois, bool Payee, string? Motif);

/// <summary>
/// The CSV files exchanged with the ASP (Agence de services et de paiement), which pays the CEJ allowance: the monthly request file
/// Jalon writes and the return file it reads. UTF-8, separator <c>;</c>, header line, dates <c>AAAA-MM-JJ</c>, months <c>AAAA-MM</c>,
/// amounts with a dot and two decimals. Pure: no I/O.
/// </summary>
public static class FichiersAsp
{
    public static readonly string[] ColonnesDemande =
        ["structure", "jeune", "nom", "prenom", "naissance", "mois", "situation", "montant", "validee_le", "validee_par"];

    public static readonly string[] ColonnesRetour = ["structure", "jeune", "mois", "statut", "motif"];

    public const int MotifMax = 300;

    /// <summary>The request file's text.</summary>
    public static string EcrireDemande(IEnumerable<DemandeAsp> lignes)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(';', ColonnesDemande)).Append('\n');
        foreach (var l in lignes)
        {
            sb.Append(Cell(l.Structure)).Append(';').Append(Cell(l.Jeune)).Append(';').Append(Cell(l.Nom)).Append(';').Append(Cell(l.Prenom)).Append(';')
              .Append(l.Naissance.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(';')
              .Append(l.Mois.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Append(';')
              .Append(Cell(l.Situation)).Append(';')
              .Append(l.Montant.ToString("0.00", CultureInfo.InvariantCulture)).Append(';')
              .Append(l.ValideeLe.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(';')
              .Append(Cell(l.ValideePar)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads a return file: every line or none. Errors are <c>fichier:ligne: colonne: message</c> (French); a file with any error
    /// gives no line.
    /// </summary>
    public static (List<RetourAsp> Lignes, List<string> Erreurs) LireRetour(string fichier, string texte)
    {
        ArgumentNullException.ThrowIfNull(texte);
        var erreurs = new List<string>();
        var lignes = new List<RetourAsp>();
        var rows = texte.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (rows.Length == 0 || string.IsNullOrWhiteSpace(rows[0]))
        {
            erreurs.Add($"{fichier}:1: en-tête: fichier vide, l'en-tête {string.Join(';', ColonnesRetour)} est attendu");
            return ([], erreurs);
        }
        var header = Split(rows[0]).Select(h => h.Trim()).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in ColonnesRetour)
        {
            var i = header.IndexOf(c);
            if (i < 0 && c != "motif") erreurs.Add($"{fichier}:1: {c}: colonne obligatoire absente");
            index[c] = i;
        }
        if (erreurs.Count > 0) return ([], erreurs);
        var vues = new HashSet<(string, string, DateOnly)>();
        for (var n = 1; n < rows.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(rows[n])) continue;
            var numero = n + 1;
            var cells = Split(rows[n]);
            string Get(string c) => index[c] is var i && i >= 0 && i < cells.Count ? cells[i] : "";
            var ok = true;
            void Err(string colonne, string message)
            {
                erreurs.Add($"{fichier}:{numero}: {colonne}: {message}");
                ok = false;
            }
            var structure = Get("structure");
            var jeune = Get("jeune");
            if (structure.Length == 0) Err("structure", "valeur obligatoire");
            if (jeune.Length == 0) Err("jeune", "valeur obligatoire");
            var moisTexte = Get("mois");
            if (!DateOnly.TryParseExact(moisTexte + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var mois))
                Err("mois", $"« {moisTexte} » n'est pas un mois AAAA-MM");
            var statut = Get("statut");
            var payee = statut == "PAYEE";
            if (!payee && statut != "REJETEE") Err("statut", $"« {statut} » : PAYEE ou REJETEE attendu");
            var motif = Get("motif");
            if (statut == "REJETEE" && motif.Length == 0) Err("motif", "le motif du rejet est obligatoire");
            if (motif.Length > MotifMax) Err("motif", $"{motif.Length} caractères, au plus {MotifMax}");
            if (ok && !vues.Add((structure, jeune, mois))) Err("jeune", $"deuxième retour pour {jeune} en {moisTexte}");
            if (ok) lignes.Add(new RetourAsp(numero, structure, jeune, mois, payee, motif.Length == 0 ? null : motif));
        }
        return erreurs.Count > 0 ? ([], erreurs) : (lignes, erreurs);
    }

    private static string Cell(string s) =>
        s.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Splits one line on <c>;</c>, with RFC 4180 quotes (no line breaks inside a value in these files).</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ';') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
