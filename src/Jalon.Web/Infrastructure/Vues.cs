using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Jalon.Web.Infrastructure;

/// <summary>Razor views rendered to a string (a document to hand to another program, e.g. Chromium for a PDF).</summary>
public static class Vues
{
    /// <summary>Renders the view at <paramref name="chemin"/> (application-relative, e.g. <c>/Pages/X/_Y.cshtml</c>;
    /// no layout, no _ViewStart) with <paramref name="modele"/>, in the context of <paramref name="page"/>'s request.</summary>
    public static async Task<string> RendreAsync<TModele>(this PageModel page, IRazorViewEngine moteur, string chemin, TModele modele)
    {
        var resultat = moteur.GetView(executingFilePath: null, viewPath: chemin, isMainPage: false);
        var vue = resultat.View ?? throw new InvalidOperationException($"Vue introuvable : {chemin}");
        await using var texte = new StringWriter();
        var donnees = new ViewDataDictionary<TModele>(page.ViewData, modele);
        var contexte = new ViewContext(page.PageContext, vue, donnees, page.TempData, texte, new HtmlHelperOptions());
        await vue.RenderAsync(contexte);
        return texte.ToString();
    }

    /// <summary>
    /// The one way a page answers with a PDF: prints <paramref name="html"/> with Chromium, records the export
    /// (<paramref name="auditer"/>, before the file is sent) and returns the file; when Chromium is unavailable, the page
    /// itself with status 503 and the French reason given to <paramref name="erreur"/>, for the browser's own print.
    /// </summary>
    public static async Task<IActionResult> PdfOuPageAsync(this PageModel page, ChromiumPdf chromium, string html, string nomFichier, Action<string> erreur, Func<Task> auditer)
    {
        byte[] pdf;
        try
        {
            pdf = await chromium.ImprimerAsync(html, page.HttpContext.RequestAborted);
        }
        catch (PdfIndisponibleException e)
        {
            erreur($"La génération du PDF est indisponible : {e.Message} ; utilisez « Imprimer » de votre navigateur.");
            var resultat = page.Page();
            resultat.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return resultat;
        }
        await auditer();
        return page.File(pdf, "application/pdf", nomFichier);
    }
}
