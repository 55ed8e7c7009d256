using Jalon.Domain;
using Jalon.Domain.Employeurs;

namespace Jalon.Exchange;

/// <summary>
/// Writes the employer side of a package (entreprises, echanges_entreprises, offres, mises_en_relation, immersions) in a
/// canonical order — structure code (young people in the order of jeunes.csv), then the file's fields — so that
/// export → import → export gives identical files. Written only when the package carries the employer side (its files,
/// even without rows: a package without them reads back without them, its employer indicators unknown).
/// </summary>
internal static class EmployeurFilesWriter
{
    public static void Write(string directory, JourneyPackage package, int[] structureRank, int[] jeuneRank)
    {
        var data = package.Employeurs;
        if (!data.HasFiles) return;
        string Code(int s) => package.Structures[s].Code;
        string Path(string file) => System.IO.Path.Combine(directory, file);
        void Jeune(CsvOutput o, int j)
        {
            o.Text(Code(package.Jeunes[j].Structure)); o.Comma(); o.Text(package.Jeunes[j].Id); o.Comma();
        }

        using (var o = new CsvOutput(Path("entreprises.csv")))
        {
            o.Header("structure,siret,nom,naf,taille,commune,cree_le");
            foreach (var r in data.Entreprises.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Siret, StringComparer.Ordinal))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Text(r.Siret); o.Comma(); o.Text(r.Nom); o.Comma(); o.Text(r.Naf); o.Comma();
                if (r.Taille is { } t) o.Code(t);
                o.Comma(); o.Text(r.Commune); o.Comma(); o.Date(r.CreeLe);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("echanges_entreprises.csv")))
        {
            o.Header("structure,siret,date,mode,objet");
            foreach (var r in data.Echanges.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Siret, StringComparer.Ordinal).ThenBy(r => r.Date)
                         .ThenBy(r => r.Mode).ThenBy(r => r.Objet))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Text(r.Siret); o.Comma(); o.Date(r.Date); o.Comma(); o.Code(r.Mode); o.Comma(); o.Code(r.Objet);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("offres.csv")))
        {
            o.Header("structure,offre,siret,intitule,rome,contrat,duree_mois,heures,commune,postes,recue_le,debut_souhaite,statut,statut_le,pourvoi");
            foreach (var r in data.Offres.OrderBy(r => structureRank[r.Structure]).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                o.Text(Code(r.Structure)); o.Comma(); o.Text(r.Id); o.Comma(); o.Text(r.Siret); o.Comma(); o.Text(r.Intitule); o.Comma();
                o.Text(r.Rome); o.Comma(); o.Code(r.Contrat); o.Comma(); o.Int(r.DureeMois); o.Comma(); o.Int(r.HeuresHebdo); o.Comma();
                o.Text(r.Commune); o.Comma(); o.Int(r.Postes); o.Comma(); o.Date(r.RecueLe); o.Comma(); o.Date(r.DebutSouhaite); o.Comma();
                o.Code(r.Statut); o.Comma(); o.Date(r.StatutLe); o.Comma();
                if (r.Pourvoi is { } p) o.Code(p);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("mises_en_relation.csv")))
        {
            o.Header("structure,jeune,date,type,offre,siret,organisme,issue,issue_le,contrat,debut_emploi");
            foreach (var r in data.MisesEnRelation.OrderBy(r => jeuneRank[r.Jeune]).ThenBy(r => r.Date).ThenBy(r => r.Type)
                         .ThenBy(r => r.Offre, StringComparer.Ordinal).ThenBy(r => r.Siret, StringComparer.Ordinal).ThenBy(r => r.Organisme, StringComparer.Ordinal)
                         .ThenBy(r => r.Issue).ThenBy(r => r.IssueLe).ThenBy(r => r.Contrat).ThenBy(r => r.DebutEmploi))
            {
                Jeune(o, r.Jeune);
                o.Date(r.Date); o.Comma(); o.Code(r.Type); o.Comma(); o.Text(r.Offre); o.Comma(); o.Text(r.Siret); o.Comma(); o.Text(r.Organisme); o.Comma();
                if (r.Issue is { } i) o.Code(i);
                o.Comma(); o.Date(r.IssueLe); o.Comma();
                if (r.Contrat is { } c) o.Code(c);
                o.Comma(); o.Date(r.DebutEmploi);
                o.EndRow();
            }
        }
        using (var o = new CsvOutput(Path("immersions.csv")))
        {
            o.Header("structure,jeune,type,debut,fin,siret,bilan_le,suite");
            foreach (var r in data.Immersions.OrderBy(r => jeuneRank[r.Jeune]).ThenBy(r => r.Debut).ThenBy(r => r.Type).ThenBy(r => r.Fin)
                         .ThenBy(r => r.Siret, StringComparer.Ordinal).ThenBy(r => r.BilanLe).ThenBy(r => r.Suite))
            {
                Jeune(o, r.Jeune);
                o.Code(r.Type); o.Comma(); o.Date(r.Debut); o.Comma(); o.Date(r.Fin); o.Comma(); o.Text(r.Siret); o.Comma(); o.Date(r.BilanLe); o.Comma();
                if (r.Suite is { } s) o.Code(s);
                o.EndRow();
            }
        }
    }
}
