namespace Jalon.Domain.Pilotage;

/// <summary>Which way an indicator is read: is a higher value the desired direction?</summary>
public enum Sens : sbyte
{
    /// <summary>Lower is the desired direction (e.g. young people without solution).</summary>
    Baisse = -1,

    /// <summary>Neither: context only.</summary>
    Neutre = 0,

    /// <summary>Higher is the desired direction.</summary>
    Hausse = 1,
}

/// <summary>A ratio of a grid on which the dialogue negotiates targets (read from the catalogue): its key and whether it is a rate (0 to 1).</summary>
public sealed record RatioObjectif(string Cle, string Libelle, bool EstTaux);
