using Jalon.Indicators.Catalogues;

namespace Jalon.Storage.Indicators;

/// <summary>
/// Reads the catalogue files of a folder (<c>*.json</c>, in name order) on top of the embedded catalogues: a new grid
/// built from existing criteria needs no code, only a file. A faulty file refuses the whole folder with a French
/// message naming the file and the entry (<see cref="CatalogueException"/>).
/// </summary>
public static class CatalogueFolder
{
    public static CatalogueSet Load(string? dossier)
    {
        if (string.IsNullOrWhiteSpace(dossier)) return CatalogueSet.Integres;
        if (!Directory.Exists(dossier)) throw new CatalogueException([$"Dossier de catalogues introuvable : « {dossier} »."]);
        var fichiers = Directory.GetFiles(dossier, "*.json").Order(StringComparer.Ordinal).ToList();
        var streams = new List<(string, Stream)>();
        try
        {
            foreach (var f in fichiers) streams.Add((Path.GetFileName(f), File.OpenRead(f)));
            return CatalogueSet.Integres.Avec(streams);
        }
        finally
        {
            foreach (var (_, s) in streams) s.Dispose();
        }
    }
}
