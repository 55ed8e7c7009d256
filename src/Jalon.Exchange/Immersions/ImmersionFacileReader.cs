using System.Globalization;
using System.Text;
using Jalon.Domain.Employeurs;

namespace Jalon.Exchange.Immersions;

/// <summary>
/// Reads the conventions export of the State's immersion platform (« Immersion facile », immersion-facile.beta.gouv.fr),
/// saved as CSV (docs/employeurs.md lists the columns): the platform's own headers (« Nom bénéficiaire », « Date de
/// Début », « Siret entreprise d'accueil »…) plus the two its historical export lacks and Jalon needs (« Identifiant de la
/// convention », « Date de naissance bénéficiaire »). Separator « ; » or « , » (from the header), UTF-8, quotes as in
/// RFC 4180, dates <c>jj/mm/aaaa</c> or <c>aaaa-mm-jj</c>. Every problem is located (line, column); nothing is guessed.
/// </summary>
public static class ImmersionFacileReader
{
    public const string ColId = "Identifiant de la convention";
    public const string ColStatut = "Statut";
    public const string ColNom = "Nom bénéficiaire";
    public const string ColPrenom = "Prénom bénéficiaire";
    public const string ColNaissance = "Date de naissance bénéficiaire";
    public const string ColDebut = "Date de Début";
    public const string ColFin = "Date de fin";
    public const string ColEntreprise = "Entreprise d'accueil";
    public const string ColSiret = "Siret entreprise d'accueil";
    public const string ColTuteur = "Tuteur";
    public const string ColTuteurTelephone = "Téléphone tuteur";
    public const string ColTuteurEmail = "Email tuteur";
    public const string ColMetier = "Métier";
    public const string ColObjectif = "Objet de l'immersion";

    /// <summary>The columns a file must have; the others (the platform exports many more) are optional or ignored.</summary>
    public static readonly string[] Required = [ColId, ColStatut, ColNom, ColPrenom, ColNaissance, ColDebut, ColFin, ColEntreprise, ColSiret];

    /// <summary>The columns read when present.</summary>
    public static readonly string[] Optional = [ColTuteur, ColTuteurTelephone, ColTuteurEmail, ColMetier, ColObjectif];

    public sealed record Result(IReadOnlyList<ConventionImmersion> Conventions, IReadOnlyList<ConventionErreur> Errors);

    public static Result Read(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        return Read(reader.ReadToEnd());
    }

    public static Result Read(string text)
    {
        var errors = new List<ConventionErreur>();
        var conventions = new List<ConventionImmersion>();
        var records = Records(text, errors).ToList();
        if (records.Count == 0)
        {
            errors.Add(new(0, "-", "Fichier vide : la première ligne doit porter les noms des colonnes."));
            return new(conventions, errors);
        }
        var header = records[0].Fields;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++) index.TryAdd(header[i].Trim(), i);
        foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
            errors.Add(new(1, missing, "colonne obligatoire absente."));
        if (errors.Count > 0) return new(conventions, errors);

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var before = errors.Count;
            string? Get(string column) => index.TryGetValue(column, out var i) && i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
            string Needed(string column)
            {
                var value = Get(column);
                if (value is null) errors.Add(new(line, column, "valeur obligatoire absente."));
                return value ?? "";
            }
            DateOnly Date(string column)
            {
                var value = Needed(column);
                if (value.Length == 0) return default;
                if (DateOnly.TryParseExact(value, ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                errors.Add(new(line, column, $"date « {value} » illisible : jj/mm/aaaa ou aaaa-mm-jj attendu."));
                return default;
            }

            var id = Needed(ColId);
            var statut = Needed(ColStatut);
            var nom = Needed(ColNom);
            var prenom = Needed(ColPrenom);
            var naissance = Date(ColNaissance);
            var debut = Date(ColDebut);
            var fin = Date(ColFin);
            var entreprise = Needed(ColEntreprise);
            var siret = Needed(ColSiret);
            if (siret.Length > 0 && Siret.Error(siret) is { } siretError) errors.Add(new(line, ColSiret, siretError));
            if (errors.Count == before && EmployeurRules.ImmersionError(debut, fin, null) is { } periodError) errors.Add(new(line, ColFin, periodError));
            if (id.Length > 0 && !seen.TryAdd(id, line)) errors.Add(new(line, ColId, $"convention « {id} » déjà présente ligne {seen[id]}."));
            if (errors.Count > before) continue;
            conventions.Add(new(line, id, statut, nom, prenom, naissance, debut, fin, Siret.Normalize(siret)!, entreprise,
                Get(ColTuteur), Get(ColTuteurTelephone), Get(ColTuteurEmail), Get(ColMetier), Get(ColObjectif)));
        }
        return new(conventions, errors);
    }

    /// <summary>The file's records with the physical line each starts on (RFC 4180 quotes; separator from the header line).</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string text, List<ConventionErreur> errors)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLineEnd = text.IndexOf('\n');
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var atFieldStart = true;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else
                    {
                        if (c == '\n') line++;
                        field.Append(c);
                    }
                    continue;
                }
                if (c == '"' && atFieldStart) { quoted = true; atFieldStart = false; continue; }
                if (c == separator) { fields.Add(field.ToString()); field.Clear(); atFieldStart = true; continue; }
                if (c == '\r') continue;
                if (c == '\n') { line++; i++; break; }
                field.Append(c);
                atFieldStart = false;
            }
            if (quoted) errors.Add(new(start, "-", "guillemet ouvrant sans guillemet fermant."));
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
