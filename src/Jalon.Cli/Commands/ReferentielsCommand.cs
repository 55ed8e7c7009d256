using System.CommandLine;
using System.Globalization;
using Jalon.Referentiels;
using Jalon.Storage;
using Jalon.Storage.Structures;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon referentiels importer FICHIER --type zrr|qpv --debut AAAA-MM-JJ [--fin …] [--nom …]</c>: imports an official zone
/// list (France Ruralités Revitalisation, QPV) into the database with its validity dates; <c>jalon referentiels lister</c>
/// shows the stored lists. docs/referentiels.md says where the official files are and which columns are read.
/// </summary>
public static class ReferentielsCommand
{
    public const int Invalid = 2;

    public static Command Create()
    {
        var fichier = new Argument<string>("FICHIER") { Description = "fichier CSV officiel de la liste (séparateur ; ou ,)" };
        var type = new Option<string>("--type") { Description = "zrr (communes ZRR / France Ruralités Revitalisation) ou qpv (quartiers prioritaires)", Required = true };
        var debut = new Option<string>("--debut") { Description = "premier jour de validité de la liste (AAAA-MM-JJ)", Required = true };
        var fin = new Option<string?>("--fin") { Description = "dernier jour de validité (vide : toujours en vigueur)" };
        var nom = new Option<string?>("--nom") { Description = "nom de la liste (défaut : type et date de début) ; ré-importer le même nom remplace la liste" };
        var database = new DatabaseOptions();
        var importer = new Command("importer", "Importe une liste officielle de zones (ZRR/FRR, QPV) avec ses dates de validité") { fichier, type, debut, fin, nom };
        database.AddTo(importer);
        importer.SetAction(parseResult => Importer(
            parseResult.GetRequiredValue(fichier), parseResult.GetRequiredValue(type), parseResult.GetRequiredValue(debut), parseResult.GetValue(fin),
            parseResult.GetValue(nom), database.Open(parseResult), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));

        var listerDatabase = new DatabaseOptions();
        var lister = new Command("lister", "Liste les listes de zones enregistrées dans la base");
        listerDatabase.AddTo(lister);
        lister.SetAction(parseResult => Lister(listerDatabase.Open(parseResult), parseResult.InvocationConfiguration.Output));

        return new Command("referentiels", "Référentiels : listes de zones ZRR / France Ruralités Revitalisation et QPV") { importer, lister };
    }

    public static int Importer(string file, string typeText, string debutText, string? finText, string? nom, Func<JalonDbContext> openDatabase,
        TextWriter output, TextWriter error)
    {
        ZoneType? type = typeText.ToLowerInvariant() switch { "zrr" or "frr" => ZoneType.Zrr, "qpv" => ZoneType.Qpv, _ => null };
        var problems = new List<string>();
        if (type is null) problems.Add($"--type : « {typeText} » inconnu (attendu zrr ou qpv)");
        if (!DateOnly.TryParseExact(debutText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var debut))
            problems.Add($"--debut : date invalide « {debutText} » (attendu AAAA-MM-JJ)");
        DateOnly? fin = null;
        if (finText is not null)
        {
            if (DateOnly.TryParseExact(finText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)) fin = f;
            else problems.Add($"--fin : date invalide « {finText} » (attendu AAAA-MM-JJ)");
        }
        if (fin < debut) problems.Add($"--fin : {fin:yyyy-MM-dd} antérieure à --debut {debut:yyyy-MM-dd}");
        if (!File.Exists(file)) problems.Add($"Fichier introuvable : {file}");
        if (problems.Count > 0)
        {
            foreach (var p in problems) error.WriteLine(p);
            return Invalid;
        }

        ZoneListReader.Result read;
        using (var stream = File.OpenRead(file)) read = ZoneListReader.Read(stream, type!.Value);
        if (read.Errors.Count > 0)
        {
            foreach (var e in read.Errors) error.WriteLine($"{Path.GetFileName(file)}:{e}");
            error.WriteLine($"Liste invalide : {read.Errors.Count} erreur(s). Rien n'a été importé.");
            return Invalid;
        }
        var unknown = read.Entries.Select(e => e.Commune).Distinct().Count(c => InseeData.Instance.Current(c) is null);
        var list = new ZoneList(type.Value, nom ?? $"{(type == ZoneType.Zrr ? "ZRR/FRR" : "QPV")} du {debut:yyyy-MM-dd}", debut, fin, read.Entries,
            Path.GetFileName(file));
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        var written = new ZoneStore(db).ImportAsync(list, "ligne de commande").GetAwaiter().GetResult();
        output.WriteLine($"Liste « {list.Nom} » importée : {written} ligne(s), {list.Communes.Count()} commune(s)" +
            (read.Skipped > 0 ? $", {read.Skipped} ligne(s) non classée(s) ignorée(s)" : "") +
            (unknown > 0 ? $" ; {unknown} code(s) commune inconnu(s) du COG {InseeData.Instance.CogYear} (gardés)" : "") + ".");
        return 0;
    }

    public static int Lister(Func<JalonDbContext> openDatabase, TextWriter output)
    {
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        var lists = new ZoneStore(db).ListesAsync().GetAwaiter().GetResult();
        if (lists.Count == 0) output.WriteLine("Aucune liste importée : l'échantillon embarqué sert (docs/referentiels.md).");
        foreach (var l in lists)
            output.WriteLine($"{l.Type,-4} {l.Liste} : du {l.Debut:yyyy-MM-dd}{(l.Fin is { } f ? $" au {f:yyyy-MM-dd}" : "")}, {l.Communes} ligne(s), source {l.Source}");
        return 0;
    }
}
