using System.Text;
using System.Text.Json;
using Jalon.Domain;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Generator;

public sealed class PackageWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("jalon-writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Two structures given out of order, young people and events out of order, a name that needs quoting.</summary>
    private static JourneyPackage Sample()
    {
        var b = new JourneyPackageBuilder();
        var z = b.AddStructure(new Structure("ML-Z", "Mission locale \"Zénith\", Nord", "32", "59"));
        var a = b.AddStructure(new Structure("ML-A", "Mission locale d'Annecy", "84", null));
        var j2 = b.AddJeune(new Jeune(a, "B2", new DateOnly(1998, 3, 4), Sexe.H, Niveau.IV, true, null, false, true, new DateOnly(2016, 2, 1)));
        var j1 = b.AddJeune(new Jeune(a, "A1", new DateOnly(1997, 12, 31), Sexe.F, Niveau.VBis, false, "74010", true, false, new DateOnly(2015, 9, 7)));
        var j3 = b.AddJeune(new Jeune(z, "X", new DateOnly(2000, 1, 1), Sexe.F, Niveau.V, false, "59350", false, false, new DateOnly(2016, 5, 2)));
        b.Contacts.Add(new Contact(j1, new DateOnly(2016, 3, 1), ModeContact.Telephone, false));
        b.Contacts.Add(new Contact(j1, new DateOnly(2015, 9, 7), ModeContact.Entretien, true));
        b.Contacts.Add(new Contact(j3, new DateOnly(2016, 5, 2), ModeContact.Entretien, false));
        b.Contacts.Add(new Contact(j2, new DateOnly(2016, 2, 1), ModeContact.Entretien, false));
        b.Parcours.Add(new Parcours(j1, Dispositif.GarantieJeunes, new DateOnly(2016, 1, 4), null, null, true));
        b.Parcours.Add(new Parcours(j1, Dispositif.Civis, new DateOnly(2015, 10, 1), new DateOnly(2015, 12, 31), MotifFin.Reorientation, false));
        b.Situations.Add(new Situation(j2, TypeSituation.Cdd, new DateOnly(2016, 6, 1), new DateOnly(2016, 11, 30), 183));
        b.Moyens.Add(new Moyens(z, 2016, 1000, 300, 10.5m, 8m, 500000m, 450000.50m, 200000m, null));
        b.Moyens.Add(new Moyens(a, 2016, null, null, null, null, null, null, null, null));
        return b.Build();
    }

    [Fact]
    public void Writes_every_file_in_canonical_order_with_rfc4180_quoting()
    {
        PackageWriter.Write(Sample(), _root);

        foreach (var file in PackageWriter.Files) Assert.True(File.Exists(Path.Combine(_root, file)), file);
        Assert.Equal(
            "structure,nom,region,departement\n" +
            "ML-A,Mission locale d'Annecy,84,\n" +
            "ML-Z,\"Mission locale \"\"Zénith\"\", Nord\",32,59\n",
            Read("structures.csv"));
        Assert.Equal(
            "structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\n" +
            "ML-A,A1,1997-12-31,F,VBIS,0,74010,1,0,2015-09-07\n" +
            "ML-A,B2,1998-03-04,H,IV,1,,0,1,2016-02-01\n" +
            "ML-Z,X,2000-01-01,F,V,0,59350,0,0,2016-05-02\n",
            Read("jeunes.csv"));
        Assert.Equal(
            "structure,jeune,date,mode,diagnostic\n" +
            "ML-A,A1,2015-09-07,ENTRETIEN,1\n" +
            "ML-A,A1,2016-03-01,TELEPHONE,0\n" +
            "ML-A,B2,2016-02-01,ENTRETIEN,0\n" +
            "ML-Z,X,2016-05-02,ENTRETIEN,0\n",
            Read("contacts.csv"));
        Assert.Equal(
            "structure,jeune,dispositif,debut,fin,motif_fin,neet\n" +
            "ML-A,A1,CIVIS,2015-10-01,2015-12-31,REORIENTATION,0\n" +
            "ML-A,A1,GJ,2016-01-04,,,1\n",
            Read("parcours.csv"));
        Assert.Equal("structure,jeune,type,debut,fin,duree_prevue_jours\nML-A,B2,CDD,2016-06-01,2016-11-30,183\n", Read("situations.csv"));
        Assert.Equal(
            "structure,annee,jano,defm,etp_total,etp_accompagnement,financement_total,financement_activites_principales,financement_etat,financement_fse\n" +
            "ML-A,2016,,,,,,,,\n" +
            "ML-Z,2016,1000,300,10.5,8,500000,450000.50,200000,\n",
            Read("moyens.csv"));
        // Optional files without rows still have their header.
        Assert.Equal("structure,jeune,debut,fin\n", Read("parrainages.csv"));
        Assert.Equal("structure,jeune,date,operateur\n", Read("orientations.csv"));
        Assert.Equal("structure,jeune,date,domaine\n", Read("droits.csv"));
        Assert.Equal("structure,jeune,date,theme\n", Read("propositions.csv"));
    }

    [Fact]
    public void Files_are_utf8_without_bom_and_with_lf_line_ends()
    {
        PackageWriter.Write(Sample(), _root);
        foreach (var file in PackageWriter.Files.Append(PackageWriter.DataPackageFile))
        {
            var bytes = File.ReadAllBytes(Path.Combine(_root, file));
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), file);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }

    [Fact]
    public void Datapackage_describes_every_resource_with_its_keys()
    {
        PackageWriter.Write(Sample(), _root);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, PackageWriter.DataPackageFile)));
        var root = json.RootElement;
        Assert.Equal("tabular-data-package", root.GetProperty("profile").GetString());
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(PackageWriter.Files, resources.Select(r => r.GetProperty("path").GetString()));
        foreach (var resource in resources)
        {
            var path = resource.GetProperty("path").GetString()!;
            var header = Read(path).Split('\n')[0].Split(',');
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
            Assert.Equal(header, fields);
        }
        var jeunes = resources.Single(r => r.GetProperty("name").GetString() == "jeunes").GetProperty("schema");
        Assert.Equal(["structure", "jeune"], jeunes.GetProperty("primaryKey").EnumerateArray().Select(e => e.GetString()));
        var contacts = resources.Single(r => r.GetProperty("name").GetString() == "contacts").GetProperty("schema");
        var fk = contacts.GetProperty("foreignKeys")[0];
        Assert.Equal("jeunes", fk.GetProperty("reference").GetProperty("resource").GetString());
        var mode = contacts.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "mode");
        Assert.Equal(Codes.All<ModeContact>(), mode.GetProperty("constraints").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Round_trip_through_the_reader_is_byte_identical()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        PackageWriter.Write(Sample(), first);
        var result = PackageReader.Read(first);
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        PackageWriter.Write(result.Package!, second);
        foreach (var file in PackageWriter.Files.Append(PackageWriter.DataPackageFile))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(first, file)), File.ReadAllText(Path.Combine(second, file)));
        }
    }

    private string Read(string file) => File.ReadAllText(Path.Combine(_root, file), Encoding.UTF8);
}
