using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jalon.Web.Tests;

/// <summary>
/// The technical log on requests that touch a young person's file — creating it, reading it, searching it by name, recording
/// an event with a comment, through the screens and the API — at the Information level everywhere: not one line carries the
/// name, first name, birth date or comment; each line of a request carries its request id.
/// </summary>
public sealed class JournalTechniqueTests : IClassFixture<JournalTechniqueTests.Factory>
{
    private readonly Factory _factory;

    public JournalTechniqueTests(Factory factory) => _factory = factory;

    /// <summary>Every log line (message, exception and scopes) of the application, as text.</summary>
    public sealed class Capture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<(string Category, string Text, string Scopes)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new System.Text.StringBuilder();
                owner._scopes.ForEachScope((scope, sb) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (k, v) in pairs) sb.Append(k).Append('=').Append(v).Append(';');
                    else sb.Append(scope).Append(';');
                }, scopes);
                var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : "";
                owner.Lines.Enqueue((category, formatter(state, exception) + " " + values + " " + exception, scopes.ToString()));
            }
        }
    }

    public sealed class Factory : JalonWebFactory
    {
        public Capture Capture { get; } = new();

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Capture));
        }
    }

    [Fact]
    public async Task No_personal_field_reaches_the_technical_log_and_each_request_line_has_its_request_id()
    {
        const string nom = "Zéphyrinelle", prenom = "Aurélianne", commentaire = "Confidence-Tres-Personnelle-4711";
        var client = await _factory.SignedIn("conseiller1");
        var created = await client.PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = nom, ["Input.Prenom"] = prenom, ["Input.Naissance"] = "2003-07-29", ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "false",
            ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.Contains(nom.ToUpperInvariant(), await client.Html(url), StringComparison.Ordinal);
        Assert.Contains(nom.ToUpperInvariant(), await client.Html("/Jeunes?q=" + Uri.EscapeDataString(nom)), StringComparison.Ordinal);
        var contact = await client.PostForm(url + "/Evenement/contact", new()
        {
            ["Input.Date"] = "2026-01-06", ["Input.Mode"] = "Entretien", ["Input.Commentaire"] = commentaire,
        });
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        Assert.Contains(commentaire, await client.Html(url), StringComparison.Ordinal);
        await client.Html(url + "/Identite");

        var lines = _factory.Capture.Lines.ToList();
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)); // the capture works
        foreach (var secret in new[] { nom, nom.ToUpperInvariant(), Uri.EscapeDataString(nom), prenom, "2003-07-29", "29/07/2003", commentaire })
        {
            var leak = lines.FirstOrDefault(l => (l.Text + l.Scopes).Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak == default, $"« {secret} » dans le journal technique : [{leak.Category}] {leak.Text}");
        }
        var requestLines = lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)
            || l.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, l => Assert.Contains("RequestId=", l.Scopes, StringComparison.Ordinal));
    }
}
