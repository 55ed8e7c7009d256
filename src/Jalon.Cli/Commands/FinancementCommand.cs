using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Financement;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon financement --donnees DIR --grille KEY --annee N --enveloppe EUROS [--region CODE] [--axe3 FILE.csv]
/// [--poids FILE.csv] --format json|csv [--simuler STRUCTURE:INDICATEUR[:POURCENT]]</c>: the allocation of a funder's
/// envelope among the structures of a region (docs/financement-region.md).
/// </summary>
public static class FinancementCommand
{
    public static Command Create()
    {
        var donnees = new Option<string>("--donnees") { Required = true, Description = "Dossier du paquet de données (format d'échange)" };
        var grille = new Option<string>("--grille") { Required = true, Description = "Grille de financement (catalogue avec une section financement, ex. region-alsace-2015)" };
        var annee = new Option<string>("--annee") { Required = true, Description = "Année de l'enveloppe (les axes calculés lisent l'activité de N-1)" };
        var enveloppe = new Option<string>("--enveloppe") { Required = true, Description = "Enveloppe en euros (au plus 2 décimales)" };
        var region = new Option<string?>("--region") { Description = "Code INSEE de la région (obligatoire si le paquet en couvre plusieurs)" };
        var axe3 = new Option<string?>("--axe3") { Description = "Décisions de l'axe 3 : CSV structure;montant;argument" };
        var poids = new Option<string?>("--poids") { Description = "Poids des indicateurs : CSV axe;indicateur;poids (égaux par défaut)" };
        var format = new Option<string>("--format") { Description = "json (par défaut) ou csv", DefaultValueFactory = _ => "json" };
        var simuler = new Option<string?>("--simuler") { Description = "Simulation STRUCTURE:INDICATEUR[:POURCENT] (10 par défaut) : l'écart de montant si l'indicateur de la structure monte de ce pourcentage" };
        var command = new Command("financement", "Répartit l'enveloppe d'un financeur entre les structures d'une région selon sa grille")
        {
            donnees, grille, annee, enveloppe, region, axe3, poids, format, simuler,
        };
        command.SetAction(parseResult =>
        {
            using var stdout = Console.OpenStandardOutput();
            return Run(new Arguments(
                parseResult.GetValue(donnees)!, parseResult.GetValue(grille)!, parseResult.GetValue(annee)!, parseResult.GetValue(enveloppe)!,
                parseResult.GetValue(region), parseResult.GetValue(axe3), parseResult.GetValue(poids), parseResult.GetValue(format) ?? "json",
                parseResult.GetValue(simuler)), stdout, Console.Error);
        });
        return command;
    }

    public sealed record Arguments(
        string Donnees, string Grille, string Annee, string Enveloppe, string? Region, string? Axe3, string? Poids, string Format, string? Simuler = null);

    /// <summary>The command on given streams: 0 on success, 2 on bad arguments, files or package (French message on stderr).</summary>
    public static int Run(Arguments a, Stream stdout, TextWriter stderr)
    {
        int Fail(string message)
        {
            stderr.WriteLine(message);
            return 2;
        }

        if (a.Format is not ("json" or "csv")) return Fail($"Format inconnu : « {a.Format} » (json ou csv).");
        if (!int.TryParse(a.Annee, NumberStyles.None, CultureInfo.InvariantCulture, out var annee) || annee is < 1900 or > 9999)
            return Fail($"Année invalide : « {a.Annee} » (attendu une année sur 4 chiffres, 2017).");
        if (FichiersFinancement.Decimal(a.Enveloppe) is not { } enveloppe || enveloppe < 0 || decimal.Round(enveloppe, 2) != enveloppe)
            return Fail($"Enveloppe invalide : « {a.Enveloppe} » (attendu des euros positifs, au plus 2 décimales : 1500000 ou 1500000.50).");
        if (!Directory.Exists(a.Donnees)) return Fail($"Dossier introuvable : « {a.Donnees} ».");
        foreach (var f in new[] { a.Axe3, a.Poids })
        {
            if (f is not null && !File.Exists(f)) return Fail($"Fichier introuvable : « {f} ».");
        }

        Catalogue catalogue;
        try
        {
            catalogue = Catalogue.Load(a.Grille);
        }
        catch (CatalogueException e)
        {
            return Fail(e.Message);
        }
        if (catalogue.Financement is not { } grilleFinancement)
        {
            var grilles = Catalogue.Available.Where(id => Catalogue.Load(id).Financement is not null);
            return Fail($"La grille « {a.Grille} » n'a pas de section financement (grilles de financement : {string.Join(", ", grilles)}).");
        }

        var read = PackageReader.Read(a.Donnees);
        if (!read.IsValid || read.Package is null)
        {
            read.WriteIssues(stderr, errors: true, anomalies: false, warnings: false);
            stderr.WriteLine($"Paquet invalide : {read.ErrorCount} erreur(s).");
            return 2;
        }

        try
        {
            var region = DonneesFinancement.Region(read.Package, a.Region);
            var request = DonneesFinancement.Request(read.Package, catalogue, region, annee, enveloppe);
            var erreurs = new List<string>();
            if (a.Poids is not null)
            {
                var lecture = FichiersFinancement.LirePoids(Path.GetFileName(a.Poids), File.ReadAllText(a.Poids), grilleFinancement);
                erreurs.AddRange(lecture.Erreurs);
                request = request with { Poids = lecture.Valeurs.ToDictionary(v => v.Indicateur, v => v.Poids) };
            }
            if (a.Axe3 is not null)
            {
                var lecture = FichiersFinancement.LireDecisions(Path.GetFileName(a.Axe3), File.ReadAllText(a.Axe3), request.Structures.ToHashSet(StringComparer.Ordinal));
                erreurs.AddRange(lecture.Erreurs);
                var decide = grilleFinancement.Axes.FirstOrDefault(x => x.EstDecide);
                if (decide is null && lecture.Valeurs.Count > 0)
                    erreurs.Add($"{Path.GetFileName(a.Axe3)}:0: -: la grille {catalogue.Id} n'a pas d'axe décidé");
                else if (decide is not null)
                    request = request with { Decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [decide.Numero] = lecture.Valeurs } };
            }
            if (erreurs.Count > 0)
            {
                foreach (var e in erreurs) stderr.WriteLine(e);
                stderr.WriteLine($"Fichiers invalides : {erreurs.Count} erreur(s).");
                return 2;
            }

            if (a.Simuler is not null) return Simuler(a, catalogue, request, stdout, stderr);

            var result = Allocation.Allouer(request);
            if (a.Format == "csv") EcrireCsv(result, stdout);
            else EcrireJson(catalogue.Id, annee, enveloppe, result, stdout);
            return 0;
        }
        catch (AllocationException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Simuler(Arguments a, Catalogue catalogue, AllocationRequest request, Stream stdout, TextWriter stderr)
    {
        var parts = a.Simuler!.Split(':');
        decimal pourcent = 10;
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && FichiersFinancement.Decimal(parts[2]) is not { } p))
        {
            stderr.WriteLine($"Simulation invalide : « {a.Simuler} » (attendu STRUCTURE:INDICATEUR ou STRUCTURE:INDICATEUR:POURCENT, ML01:RG2:10).");
            return 2;
        }
        if (parts.Length == 3) pourcent = FichiersFinancement.Decimal(parts[2])!.Value;
        var (structure, cle) = (parts[0], parts[1]);
        if (!request.Structures.Contains(structure, StringComparer.Ordinal))
        {
            stderr.WriteLine($"Simulation : structure « {structure} » absente de la région.");
            return 2;
        }
        if (!request.Grille.Axes.Any(x => x.Indicateurs.Contains(cle, StringComparer.Ordinal)))
        {
            stderr.WriteLine($"Simulation : « {cle} » n'est pas un indicateur calculé de la grille {catalogue.Id} ({string.Join(", ", request.Grille.Axes.SelectMany(x => x.Indicateurs))}).");
            return 2;
        }
        var (avant, apres) = Allocation.Simuler(request, structure, cle, 1 + pourcent / 100);
        using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("structure", structure);
        w.WriteString("indicateur", cle);
        w.WriteNumber("hausse_pourcent", pourcent);
        w.WriteNumber("valeur_avant", request.Valeurs[(structure, cle)]);
        w.WriteNumber("valeur_apres", (long)Math.Round(request.Valeurs[(structure, cle)] * (1 + pourcent / 100), MidpointRounding.AwayFromZero));
        Euros(w, "total_avant", avant.Total);
        Euros(w, "total_apres", apres.Total);
        Euros(w, "ecart", apres.Total - avant.Total);
        w.WriteEndObject();
        w.Flush();
        stdout.WriteByte((byte)'\n');
        return 0;
    }

    /// <summary>The contract's JSON: amounts with exactly 2 decimals, <c>part</c> as a fraction, <c>non_attribue</c> only when something is unspent.</summary>
    public static void EcrireJson(string grille, int annee, decimal enveloppe, AllocationResult result, Stream output)
    {
        using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("grille", grille);
            w.WriteNumber("annee", annee);
            Euros(w, "enveloppe", enveloppe);
            w.WriteStartArray("axes");
            foreach (var axe in result.Axes)
            {
                w.WriteStartObject();
                w.WriteNumber("axe", axe.Axe);
                w.WritePropertyName("part");
                w.WriteRawValue(axe.Part.ToString("0.############", CultureInfo.InvariantCulture));
                Euros(w, "montant", axe.Montant);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("structures");
            foreach (var s in result.Structures)
            {
                w.WriteStartObject();
                w.WriteString("structure", s.Structure);
                for (var i = 0; i < s.ParAxe.Count; i++) Euros(w, "axe" + result.Axes[i].Axe.ToString(CultureInfo.InvariantCulture), s.ParAxe[i]);
                Euros(w, "total", s.Total);
                Euros(w, "premier_versement", s.PremierVersement);
                Euros(w, "solde", s.Solde);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (result.NonAttribue != 0) Euros(w, "non_attribue", result.NonAttribue);
            w.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary>
    /// CSV for French Excel (as the indicators' CSV): UTF-8 with BOM, <c>;</c>, decimal comma, 2 decimals. One row per
    /// structure (structure;axe1;axe2;axe3;total;premier_versement;solde), then <c>ENVELOPPE</c> (each axis's envelope),
    /// and <c>NON_ATTRIBUE</c> when a decided axis is not fully spent.
    /// </summary>
    public static void EcrireCsv(AllocationResult result, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        w.Write('\uFEFF');
        var axes = result.Axes.Select(x => "axe" + x.Axe.ToString(CultureInfo.InvariantCulture));
        w.Write(string.Join(';', ["structure", .. axes, "total", "premier_versement", "solde"]));
        w.Write("\r\n");
        static string F(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
        foreach (var s in result.Structures)
        {
            w.Write(string.Join(';', [s.Structure, .. s.ParAxe.Select(F), F(s.Total), F(s.PremierVersement), F(s.Solde)]));
            w.Write("\r\n");
        }
        var total = result.Axes.Sum(x => x.Montant);
        w.Write(string.Join(';', ["ENVELOPPE", .. result.Axes.Select(x => F(x.Montant)), F(total), "", ""]));
        w.Write("\r\n");
        if (result.NonAttribue != 0)
        {
            w.Write(string.Join(';', ["NON_ATTRIBUE", .. result.Axes.Select(x => F(x.NonAttribue)), F(result.NonAttribue), "", ""]));
            w.Write("\r\n");
        }
        w.Flush();
    }

    private static void Euros(Utf8JsonWriter w, string name, decimal amount)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(amount.ToString("0.00", CultureInfo.InvariantCulture));
    }
}
