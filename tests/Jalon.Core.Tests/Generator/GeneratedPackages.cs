using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Generator;

namespace Jalon.Core.Tests.Generator;

/// <summary>Packages generated once and shared by the generator tests (generation is the slow part).</summary>
public sealed class GeneratedPackages : IDisposable
{
    public const int Annee = 2016;

    public GeneratedPackages()
    {
        Root = Directory.CreateTempSubdirectory("jalon-generator-").FullName;
        Medium = JourneyGenerator.Generate(new GeneratorOptions { Structures = 5, Jeunes = 20_000, Seed = 42, Annee = Annee });
        MediumDirectory = Path.Combine(Root, "medium");
        PackageWriter.Write(Medium, MediumDirectory);
        AllDepartements = JourneyGenerator.Generate(new GeneratorOptions { Structures = 110, Jeunes = 40_000, Seed = 3, Annee = Annee });
    }

    public string Root { get; }

    /// <summary>5 structures, 20 000 young people.</summary>
    public JourneyPackage Medium { get; }

    public string MediumDirectory { get; }

    /// <summary>110 structures (every department has at least one), 40 000 young people.</summary>
    public JourneyPackage AllDepartements { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
