using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Jalon.Storage;

namespace Jalon.Web.Tests;

/// <summary>The real programs as child processes: <c>jalon</c> (the command line) and <c>Jalon.Web</c>, from this test's output.</summary>
public static partial class ChildProcesses
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The environment of <c>./jalon web</c> and <c>./jalon</c> for a database.</summary>
    public static Dictionary<string, string?> DatabaseEnvironment(DatabaseProvider provider, string connectionString) => new()
    {
        ["Jalon__Database__Provider"] = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["ConnectionStrings__Jalon"] = connectionString,
    };

    /// <summary>Runs <c>jalon ARGS</c> with <paramref name="input"/> on standard input (redirected: no terminal).</summary>
    public static async Task<Result> Jalon(IEnumerable<string> args, string? input, IDictionary<string, string?>? environment = null)
    {
        using var process = Start("jalon.dll", args, environment);
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts <c>dotnet Jalon.Web.dll</c> as the published application is run: no demo setting, production environment. Returns
    /// once it listens (its address) or once it exited (null).
    /// </summary>
    public static async Task<(Process Process, string? Address, StringBuilder Output, StringBuilder Error)> StartWeb(IDictionary<string, string?> environment)
    {
        var process = Start("Jalon.Web.dll", ["--urls", "http://127.0.0.1:0"], environment);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        var listening = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetResult(null);
                return;
            }
            lock (output) output.AppendLine(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (error) error.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        if (address is null) await process.WaitForExitAsync();
        return (process, address, output, error);
    }

    private static Process Start(string program, IEnumerable<string> args, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory, StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // As on a server: nothing of the test run's own settings.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "Jalon__Demo", "Jalon__Database__Provider", "ConnectionStrings__Jalon" })
            start.Environment.Remove(name);
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
