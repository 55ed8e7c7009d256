using System.CommandLine;
using Jalon.Cli.Commands;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Generator;

public sealed class GenererCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("jalon-generer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static int Run(params string[] args) => new RootCommand { GenererCommand.Create() }.Parse(["generer", .. args]).Invoke();

    [Theory]
    [InlineData("--structures", "abc")]
    [InlineData("--structures", "0")]
    [InlineData("--jeunes", "2", "--structures", "3")]
    [InlineData("--annee", "1800")]
    [InlineData("--inconnue", "1")]
    public void Bad_arguments_exit_with_code_2(params string[] args)
    {
        var dossier = Path.Combine(_root, "out");
        Assert.Equal(2, Run([.. args, "--sortie", dossier]));
        Assert.False(Directory.Exists(dossier));
    }

    [Fact]
    public void Missing_output_exits_with_code_2() => Assert.Equal(2, Run("--structures", "1", "--jeunes", "10"));

    [Fact]
    public void Generates_and_writes_a_valid_package()
    {
        var dossier = Path.Combine(_root, "paquet");
        Assert.Equal(0, Run("--structures", "2", "--jeunes", "500", "--graine", "5", "--annee", "2016", "--sortie", dossier));
        var result = PackageReader.Read(dossier);
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(500, result.Package!.Jeunes.Length);
        Assert.Equal(2, result.Package.Structures.Count);
    }
}
