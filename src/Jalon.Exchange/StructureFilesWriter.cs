using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;

namespace Jalon.Exchange;

/// <summary>
/// Writes the structure side of a package (territoires, sites, brh, budget, contexte) in a canonical order — structure
/// code, then year, then the file's key — so that export → import → export gives identical files.
/// </summary>
internal static class StructureFilesWriter
{
    public static void Write(string directory, JourneyPackage package, int[] structureRank)
    {
        var data = package.StructureData;
        string Code(int s) => package.Structures[s].Code;
        string Path(string file) => System.IO.Path.Combine(directory, file);

        using (var o = new CsvOutput(Path("territoires.csv")))
        {
            o.Header("structure,commune,debut,fin");
            foreach (var r in data.Territoires.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Commune, StringComparer.Ordinal).ThenBy(r => r.Debut))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Text(r.Commune); o.Comma(); o.Date(r.Debut); o.Comma(); o.Date(r.Fin);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("sites.csv")))
        {
            o.Header("structure,site,type,nom,commune,adresse,code_postal,horaires,espace_ressources,debut,fin");
            foreach (var r in data.Sites.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Text(r.Id); o.Comma(); o.Code(r.Type); o.Comma(); o.Text(r.Nom); o.Comma();
                o.Text(r.Commune); o.Comma(); o.Text(r.Adresse); o.Comma(); o.Text(r.CodePostal); o.Comma(); o.Text(r.Horaires); o.Comma();
                o.Bool(r.EspaceRessources); o.Comma(); o.Date(r.Debut); o.Comma(); o.Date(r.Fin);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("brh.csv")))
        {
            o.Header("structure,annee,code,femmes,hommes,total");
            foreach (var r in data.Brh.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Annee).ThenBy(r => BrhCodes.RankOf(r.Code)))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Int(r.Annee); o.Comma(); o.Text(r.Code); o.Comma();
                o.Decimal(r.Femmes); o.Comma(); o.Decimal(r.Hommes); o.Comma(); o.Decimal(r.Total);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("budget.csv")))
        {
            o.Header("structure,annee,financeur,nature,montant");
            foreach (var r in data.Budget.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Annee).ThenBy(r => r.Nature)
                         .ThenBy(r => r.Financeur.HasValue).ThenBy(r => r.Financeur))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Int(r.Annee); o.Comma();
                if (r.Financeur is { } f) o.Code(f);
                o.Comma(); o.Code(r.Nature); o.Comma(); o.Decimal(r.Montant);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("contexte.csv")))
        {
            o.Header("structure,annee,categorie,indicateur,zone,valeur,unite,source,date");
            foreach (var r in data.Contexte.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Annee).ThenBy(r => r.Categorie)
                         .ThenBy(r => r.Indicateur, StringComparer.Ordinal).ThenBy(r => r.Zone, StringComparer.Ordinal))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Int(r.Annee); o.Comma(); o.Code(r.Categorie); o.Comma(); o.Text(r.Indicateur); o.Comma();
                o.Text(r.Zone); o.Comma(); o.Decimal(r.Valeur); o.Comma(); o.Text(r.Unite); o.Comma(); o.Text(r.Source); o.Comma(); o.Date(r.Date);
                o.EndRow();
            }
        }
    }
}
