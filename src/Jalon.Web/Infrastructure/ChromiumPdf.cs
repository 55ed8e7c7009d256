using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Jalon.Web.Infrastructure;

/// <summary>The PDF could not be produced; the message is French, meant for the user, and completes
/// « La génération du PDF est indisponible : … ».</summary>
public sealed class PdfIndisponibleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints a self-contained HTML document to PDF with Debian's headless Chromium (the browser the end-to-end
/// tests drive): one short-lived process per document, a private temporary folder for the page, the PDF and
/// the browser profile, a time limit, everything removed afterwards.
/// A plain process rather than Microsoft.Playwright: Playwright is a test-only dependency whose driver
/// (Node.js) would have to ship with the application, and the command line already does all that is needed
/// (print the page with its print stylesheet, without the browser's header and footer).
/// </summary>
public sealed class ChromiumPdf(IConfiguration configuration, ILogger<ChromiumPdf> logger) : IDisposable
{
    public const string CheminParDefaut = "/usr/bin/chromium";

    // A Chromium takes a few hundred MB and most of a core: at most two at once, the others wait (within the time limit).
    private readonly SemaphoreSlim _places = new(2);

    /// <summary>The browser: setting <c>Jalon:Chromium</c>, else the variable <c>JALON_CHROMIUM</c> (as the E2E tests), else Debian's.</summary>
    public string Executable =>
        configuration["Jalon:Chromium"] is { Length: > 0 } chemin ? chemin
        : Environment.GetEnvironmentVariable("JALON_CHROMIUM") is { Length: > 0 } env ? env
        : CheminParDefaut;

    /// <summary>The time limit for one document (setting <c>Jalon:ChromiumDelaiSecondes</c>, 30 s by default).</summary>
    public TimeSpan Delai => TimeSpan.FromSeconds(configuration.GetValue("Jalon:ChromiumDelaiSecondes", 30));

    /// <summary>The PDF of <paramref name="html"/> (a complete document; its resources as absolute <c>file://</c> URLs).</summary>
    /// <exception cref="PdfIndisponibleException">Chromium is missing, fails or exceeds the time limit.</exception>
    public async Task<byte[]> ImprimerAsync(string html, CancellationToken annulation = default)
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            logger.LogWarning("PDF impossible : Chromium introuvable ({Chemin}) ; réglage Jalon:Chromium ou variable JALON_CHROMIUM.", executable);
            throw new PdfIndisponibleException("le navigateur Chromium est introuvable sur le serveur");
        }
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(annulation);
        delai.CancelAfter(Delai);
        try
        {
            await _places.WaitAsync(delai.Token);
        }
        catch (OperationCanceledException) when (!annulation.IsCancellationRequested)
        {
            throw new PdfIndisponibleException("trop de documents sont en cours de génération, réessayez dans un instant");
        }
        var dossier = Directory.CreateTempSubdirectory("jalon-pdf-"); // mode 700 on Unix
        try
        {
            var page = Path.Combine(dossier.FullName, "document.html");
            var pdf = Path.Combine(dossier.FullName, "document.pdf");
            await File.WriteAllTextAsync(page, html, new UTF8Encoding(false), delai.Token);
            var chrono = Stopwatch.StartNew();
            await ExecuterAsync(executable, page, pdf, Path.Combine(dossier.FullName, "profil"), delai.Token, annulation);
            var octets = File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf, CancellationToken.None) : [];
            if (!octets.AsSpan().StartsWith("%PDF-"u8))
            {
                logger.LogWarning("PDF impossible : Chromium n'a pas écrit de PDF ({Octets} octets).", octets.Length);
                throw new PdfIndisponibleException("le navigateur Chromium n'a pas produit de document");
            }
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("PDF produit par Chromium en {Duree} ms ({Octets} octets).", chrono.ElapsedMilliseconds, octets.Length);
            return octets;
        }
        finally
        {
            _places.Release();
            await SupprimerAsync(dossier);
        }
    }

    public void Dispose() => _places.Dispose();

    /// <summary>The site's stylesheets as files for a printed document: the DSFR (from npm) and Jalon's additions.</summary>
    public static List<Uri> FeuillesDeStyle(IWebHostEnvironment environnement)
    {
        var feuilles = new List<Uri>();
        if (RepositoryPaths.Dsfr(environnement.ContentRootPath) is { } dsfr) feuilles.Add(new Uri(Path.Combine(dsfr, "dsfr.min.css")));
        if (environnement.WebRootFileProvider.GetFileInfo("css/jalon.css").PhysicalPath is { } jalon) feuilles.Add(new Uri(jalon));
        return feuilles;
    }

    private async Task ExecuterAsync(string executable, string page, string pdf, string profil, CancellationToken delai, CancellationToken annulation)
    {
        var demarrage = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--disable-breakpad", "--mute-audio",
                     "--user-data-dir=" + profil, "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri,
                 })
        {
            demarrage.ArgumentList.Add(argument);
        }

        using var processus = new Process { StartInfo = demarrage, EnableRaisingEvents = true };
        var erreurs = new Queue<string>();
        processus.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } ligne || ligne.Contains("dbus", StringComparison.Ordinal)) return; // no D-Bus on a server
            lock (erreurs)
            {
                erreurs.Enqueue(ligne);
                if (erreurs.Count > 20) erreurs.Dequeue();
            }
        };
        processus.OutputDataReceived += (_, _) => { };
        // The Exited event, not WaitForExitAsync: the latter also waits for the end of the redirected streams,
        // which a helper process left behind by Chromium may keep open.
        var fin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processus.Exited += (_, _) => fin.TrySetResult();
        try
        {
            processus.Start();
        }
        catch (Win32Exception e)
        {
            logger.LogWarning(e, "PDF impossible : Chromium ne démarre pas ({Chemin}).", executable);
            throw new PdfIndisponibleException("le navigateur Chromium ne peut pas être lancé", e);
        }
        processus.StandardInput.Close();
        processus.BeginErrorReadLine();
        processus.BeginOutputReadLine();
        try
        {
            await fin.Task.WaitAsync(delai);
        }
        catch (OperationCanceledException)
        {
            Arreter(processus);
            if (annulation.IsCancellationRequested) throw;
            logger.LogWarning("PDF impossible : Chromium n'a pas fini en {Delai} s.", Delai.TotalSeconds);
            throw new PdfIndisponibleException(string.Create(CultureInfo.InvariantCulture, $"le navigateur Chromium n'a pas répondu en {Delai.TotalSeconds:0} secondes"));
        }
        if (processus.ExitCode != 0)
        {
            string journal;
            lock (erreurs) journal = string.Join('\n', erreurs);
            logger.LogWarning("PDF impossible : Chromium a échoué (code {Code}) :\n{Journal}", processus.ExitCode, journal);
            throw new PdfIndisponibleException($"le navigateur Chromium a échoué (code {processus.ExitCode})");
        }
    }

    private void Arreter(Process processus)
    {
        try
        {
            processus.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            logger.LogWarning(e, "Chromium (processus {Id}) n'a pas pu être arrêté.", processus.Id);
        }
    }

    private async Task SupprimerAsync(DirectoryInfo dossier)
    {
        // Chromium's helpers may still hold the profile for a moment after the browser exits: one retry.
        for (var essai = 0; essai < 2; essai++)
        {
            try
            {
                dossier.Delete(recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (essai == 1) logger.LogWarning(e, "Dossier temporaire du PDF non supprimé : {Dossier}.", dossier.FullName);
                else await Task.Delay(200, CancellationToken.None);
            }
        }
    }
}
