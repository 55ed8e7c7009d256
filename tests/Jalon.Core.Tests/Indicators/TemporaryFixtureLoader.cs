using System.Globalization;
using Jalon.Domain;

namespace Jalon.Core.Tests.Indicators;

// TEMPORARY: reads the worked example's CSV files (comma, no quoting) until PackageReader.Read lands in main.
internal static class TemporaryFixtureLoader
{
    public static JourneyPackage Load(string dir)
    {
        var b = new JourneyPackageBuilder();
        foreach (var r in Rows(dir, "structures.csv"))
            b.AddStructure(new Structure(r["structure"], r["nom"], r["region"], Opt(r["departement"])));
        int S(Dictionary<string, string> r) => b.FindStructure(r["structure"])!.Value;
        foreach (var r in Rows(dir, "jeunes.csv"))
        {
            var sexe = E<Sexe>(r["sexe"]);
            var niveau = E<Niveau>(r["niveau"]);
            b.AddJeune(new Jeune(S(r), r["jeune"], D(r["naissance"]), sexe, niveau, r["diplome"] == "1", Opt(r["commune"]),
                r["qpv"] == "1", r["zrr"] == "1", D(r["premier_accueil"])));
        }
        int J(Dictionary<string, string> r) => b.FindJeune(S(r), r["jeune"])!.Value;
        foreach (var r in Rows(dir, "contacts.csv"))
            b.Contacts.Add(new Contact(J(r), D(r["date"]), E<ModeContact>(r["mode"]), r["diagnostic"] == "1"));
        foreach (var r in Rows(dir, "orientations.csv"))
            b.Orientations.Add(new Orientation(J(r), D(r["date"]), E<Operateur>(r["operateur"])));
        foreach (var r in Rows(dir, "parcours.csv"))
            b.Parcours.Add(new Parcours(J(r), E<Dispositif>(r["dispositif"]), D(r["debut"]), OptD(r["fin"]),
                Opt(r["motif_fin"]) is { } m ? E<MotifFin>(m) : null, r["neet"] == "1"));
        foreach (var r in Rows(dir, "propositions.csv"))
            b.Propositions.Add(new Proposition(J(r), D(r["date"]), E<Theme>(r["theme"])));
        foreach (var r in Rows(dir, "situations.csv"))
            b.Situations.Add(new Situation(J(r), E<TypeSituation>(r["type"]), D(r["debut"]), OptD(r["fin"]),
                Opt(r["duree_prevue_jours"]) is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : null));
        foreach (var r in Rows(dir, "droits.csv"))
            b.Droits.Add(new Droit(J(r), D(r["date"]), E<DomaineDroit>(r["domaine"])));
        foreach (var r in Rows(dir, "parrainages.csv"))
            b.Parrainages.Add(new Parrainage(J(r), D(r["debut"]), OptD(r["fin"])));
        foreach (var r in Rows(dir, "moyens.csv"))
            b.Moyens.Add(new Moyens(S(r), int.Parse(r["annee"], CultureInfo.InvariantCulture), L(r["jano"]), L(r["defm"]),
                M(r["etp_total"]), M(r["etp_accompagnement"]), M(r["financement_total"]), M(r["financement_activites_principales"]),
                M(r["financement_etat"]), M(r["financement_fse"])));
        return b.Build();
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string dir, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, file));
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            yield return header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(t => t.h, t => t.v);
        }
    }

    private static T E<T>(string code) where T : struct, Enum => Codes.TryParse<T>(code, out var v) ? v : throw new FormatException(code);
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly? OptD(string s) => s.Length == 0 ? null : D(s);
    private static string? Opt(string s) => s.Length == 0 ? null : s;
    private static long? L(string s) => s.Length == 0 ? null : long.Parse(s, CultureInfo.InvariantCulture);
    private static decimal? M(string s) => s.Length == 0 ? null : decimal.Parse(s, CultureInfo.InvariantCulture);
}
