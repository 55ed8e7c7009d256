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
}
