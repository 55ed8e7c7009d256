using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>A cell of an export: text, or a number (exact, unrounded), or empty.</summary>
public readonly record struct CelluleExport(string? Texte, double? Nombre)
{
    public static CelluleExport Vide => new(null, null);

    public static implicit operator CelluleExport(string? texte) => new(texte, null);

    public static CelluleExport De(double? nombre) => new(null, nombre);
}

/// <summary>A table to export: a title (sheet name), headers and rows.</summary>
public sealed record TableExport(string Titre, IReadOnlyList<string> Entetes, IReadOnlyList<IReadOnlyList<CelluleExport>> Lignes);

/// <summary>
/// Exports of the steering pages. CSV: `;` separated, UTF-8 with BOM, CRLF, RFC 4180 quoting, numbers with
/// a decimal comma and full precision (what French Excel opens). XLSX: numbers as numeric cells.
/// The cells are those of the screen (secrecy already applied by the caller). A text that a spreadsheet would take for a
/// formula (starting with =, +, -, @, a tab or a carriage return, e.g. a structure's name from an imported package) is
/// neutralised with a leading apostrophe, in both formats (<see cref="Neutraliser"/>).
/// </summary>
public static class Exports
{
    public const string TypeCsv = "text/csv; charset=utf-8";
    public const string TypeXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string NombreCsv(double valeur) => valeur.ToString("R", CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>
    /// A text cell that no spreadsheet evaluates: prefixed with an apostrophe when it starts with a formula character
    /// (=, +, -, @, tab, carriage return), unless it is a plain number such as « -12,5 » (OWASP, CSV injection).
    /// </summary>
    public static string Neutraliser(string texte)
    {
        if (texte.Length == 0 || texte[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) return texte;
        var nombre = texte.Replace(',', '.').Replace('\u202f', ' ').Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
        return double.TryParse(nombre, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? texte : "'" + texte;
    }

    public static byte[] Csv(TableExport table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(';', table.Entetes.Select(e => Echapper(Neutraliser(e)))).Append("\r\n");
        foreach (var ligne in table.Lignes)
        {
            sb.AppendJoin(';', ligne.Select(c => c.Nombre is { } n ? NombreCsv(n) : Echapper(Neutraliser(c.Texte ?? "")))).Append("\r\n");
        }
        var bom = Encoding.UTF8.GetPreamble();
        var corps = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. bom, .. corps];
    }

    private static string Echapper(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public static byte[] Xlsx(TableExport table)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Ligne(1, table.Entetes.Select(e => (CelluleExport)e)));
            uint r = 2;
            foreach (var ligne in table.Lignes) data.Append(Ligne(r++, ligne));
            ws.Worksheet = new Worksheet(data);
            var sheets = wb.Workbook.AppendChild(new Sheets());
            var nom = new string(table.Titre.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
            sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = nom.Length > 31 ? nom[..31] : nom });
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static Row Ligne(uint index, IEnumerable<CelluleExport> cellules)
    {
        var row = new Row { RowIndex = index };
        var col = 0;
        foreach (var c in cellules)
        {
            var reference = Colonne(col++) + index.ToString(CultureInfo.InvariantCulture);
            if (c.Nombre is { } n)
                row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) });
            else if (c.Texte is { } t)
                row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Neutraliser(t)) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        return row;
    }

    private static string Colonne(int i) => i < 26 ? ((char)('A' + i)).ToString() : Colonne(i / 26 - 1) + (char)('A' + i % 26);

    /// <summary>Reads back an XLSX written by <see cref="Xlsx"/> (tests, checks): rows of cell texts, numbers in invariant "R" form.</summary>
    public static List<List<string>> LireXlsx(byte[] contenu)
    {
        using var ms = new MemoryStream(contenu);
        using var doc = SpreadsheetDocument.Open(ms, false);
        var ws = doc.WorkbookPart!.WorksheetParts.First();
        var result = new List<List<string>>();
        foreach (var row in ws.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var c in row.Elements<Cell>())
            {
                cells.Add(c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? "" : c.CellValue?.Text ?? "");
            }
            result.Add(cells);
        }
        return result;
    }
}
