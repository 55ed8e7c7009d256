using System.Text;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Exchange;

/// <summary>A small package written to a fresh temporary folder, deleted at the end of the test.</summary>
internal sealed class TempPackage : IDisposable
{
    public const string Structures = """
        structure,nom,region,departement
        ML-A,Mission locale A,84,26
        ML-B,Mission locale B,44,67

        """;

    public const string Jeunes = """
        structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil
        ML-A,A1,1997-05-02,F,V,0,26281,1,0,2016-02-10
        ML-A,A2,1995-11-30,H,IV,1,26281,0,1,2015-05-20
        ML-B,B1,1996-03-03,H,V,1,,1,0,2014-09-01

        """;

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "jalon-exchange-" + Guid.NewGuid().ToString("N"));

    /// <summary>structures.csv and jeunes.csv as above unless given; a null content leaves the file out.</summary>
    public TempPackage(params (string File, string? Content)[] files)
    {
        Directory.CreateDirectory(Dir);
        var all = new Dictionary<string, string?> { ["structures.csv"] = Structures, ["jeunes.csv"] = Jeunes };
        foreach (var (file, content) in files) all[file] = content;
        foreach (var (file, content) in all)
        {
            if (content is not null) File.WriteAllText(Path.Combine(Dir, file), content, new UTF8Encoding(false));
        }
    }

    public void WriteBytes(string file, byte[] bytes) => File.WriteAllBytes(Path.Combine(Dir, file), bytes);

    public ReadResult Read() => PackageReader.Read(Dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Reads a package made of the default files plus the given ones.</summary>
    public static ReadResult Read(params (string File, string? Content)[] files)
    {
        using var package = new TempPackage(files);
        return package.Read();
    }
}
