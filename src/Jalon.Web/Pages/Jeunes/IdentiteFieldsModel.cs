namespace Jalon.Web.Pages.Jeunes;

/// <summary>A page holding the identity form (creation, modification): the shared fields partial binds to it.</summary>
public interface IIdentitePage
{
    IdentiteInput Input { get; }
    List<(string Value, string Label)> Conseillers { get; }
    IReadOnlyList<(string Code, string Nom)> CommunesProposees { get; }

    /// <summary>The zone flags proposed from the commune entered (<c>ZonesJeune.Propose</c>): the counsellor decides.</summary>
    Jalon.Domain.Structures.PropositionZones? Zones => null;
}
