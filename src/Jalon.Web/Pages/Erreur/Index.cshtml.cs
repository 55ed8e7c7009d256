using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Erreur;

[IgnoreAntiforgeryToken]
public sealed class IndexModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;

    public string Titre => Code switch
    {
        400 => "Requête refusée",
        403 => "Accès refusé",
        404 => "Page non trouvée",
        429 => "Trop de tentatives",
        _ => "Erreur inattendue",
    };

    public string Message => Code switch
    {
        400 => "La requête n'a pas pu être traitée. Si vous avez envoyé un formulaire, rechargez la page puis recommencez.",
        403 => "Votre rôle ne vous donne pas accès à cette page. Si vous pensez que c'est une erreur, adressez-vous à la direction de votre structure.",
        404 => "La page ou le dossier que vous cherchez n'existe pas, ou n'est pas accessible depuis votre structure.",
        429 => "Trop de tentatives de connexion ont été faites depuis votre poste ou pour cet identifiant. Patientez quelques minutes avant de réessayer.",
        _ => "Une erreur est survenue. Réessayez dans quelques instants.",
    };
}
