using System.Text;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon indicateurs … --expliquer KEY --structure CODE [--ventilation V] [--partie numerateur|denominateur] [--n-1]</c>:
/// the identifiers (<c>jeune</c>) of the young people a figure of a structure counts, sorted ordinally (byte order of
/// their UTF-16 code units, <see cref="string.CompareOrdinal(string, string)"/>), one per line, nothing else on standard
/// output. Their number is the figure <c>jalon indicateurs</c> prints (N, or N−1 with <c>--n-1</c>: the same dates a year
/// earlier). The list comes from the engine (<see cref="IndicatorEngine.Explain"/>). Refusals: French message, code 2.
/// </summary>
public static class ExpliquerCommand
{
    public sealed record Arguments(
        string Donnees, string Debut, string Fin, string Catalogue, string? DossierCatalogues,
        string? Cle, string? Structure, string? Ventilation, string? Partie, bool Precedente);

    public static int Run(Arguments a, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        int Fail(string message)
        {
            stderr.WriteLine(message);
            return 2;
        }

        if (a.Cle is null) return Fail("--structure, --ventilation, --partie et --n-1 ne s'emploient qu'avec --expliquer CLE.");
        if (a.Structure is null) return Fail("--expliquer demande la structure dont lister les jeunes : --structure CODE.");
        if (!IndicateursCommand.TryParseDate(a.Debut, out var debut))
            return Fail($"Date de début invalide : « {a.Debut} » (format attendu : AAAA-MM-JJ).");
        if (!IndicateursCommand.TryParseDate(a.Fin, out var fin))
            return Fail($"Date de fin invalide : « {a.Fin} » (format attendu : AAAA-MM-JJ).");
        if (debut > fin) return Fail($"La date de début ({a.Debut}) est postérieure à la date de fin ({a.Fin}).");
        Ventilation? ventilation = null;
        if (a.Ventilation is not null)
        {
            var found = Ventilations.Toutes.Where(v => v.Cle() == a.Ventilation).ToArray();
            if (found.Length == 0) return Fail($"Ventilation inconnue : « {a.Ventilation} » (femmes, infra_v, qpv, zrr ou neet).");
            ventilation = found[0];
        }
        Operande? partie = a.Partie switch
        {
            null => null,
            "numerateur" => Operande.Numerateur,
            "denominateur" => Operande.Denominateur,
            _ => (Operande)(-1),
        };
        if (partie == (Operande)(-1)) return Fail($"Partie inconnue : « {a.Partie} » (numerateur ou denominateur).");
        if (!Directory.Exists(a.Donnees)) return Fail($"Dossier introuvable : « {a.Donnees} ».");

        Catalogue catalogue;
        try
        {
            catalogue = a.DossierCatalogues is null ? Catalogue.Load(a.Catalogue) : IndicateursCommand.DuDossier(a.DossierCatalogues, a.Catalogue);
        }
        catch (CatalogueException e)
        {
            return Fail(e.Message);
        }
        catch (KeyNotFoundException)
        {
            return Fail($"Catalogue inconnu : « {a.Catalogue} ».");
        }

        // The command line's N−1 is the same dates a year earlier, as in its CSV (IndicatorRequest's default reading).
        var request = new IndicatorRequest(new Period(debut, fin));
        var what = new ExplainRequest(a.Cle) { Previous = a.Precedente, Ventilation = ventilation, Partie = partie };
        try
        {
            IndicatorEngine.ResolveExplained(catalogue, request, what);
        }
        catch (ExplanationException e)
        {
            return Fail(e.Message);
        }

        var read = PackageReader.Read(a.Donnees);
        if (!read.IsValid || read.Package is null)
        {
            read.WriteIssues(stderr, errors: true, anomalies: false, warnings: false);
            stderr.WriteLine($"Paquet invalide : {read.ErrorCount} erreur(s).");
            return 2;
        }
        Explanation explanation;
        try
        {
            explanation = IndicatorEngine.Explain(read.Package, catalogue, request, a.Structure, what);
        }
        catch (ExplanationException e)
        {
            return Fail(e.Message);
        }
        var text = new StringBuilder();
        foreach (var j in explanation.Jeunes) text.Append(read.Package.Jeunes[j].Id).Append('\n');
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
        stdout.Write(bytes);
        stdout.Flush();
        return 0;
    }
}
