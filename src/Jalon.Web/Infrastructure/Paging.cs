namespace Jalon.Web.Infrastructure;

/// <summary>One page of a list: its number (from 1), size and total, and the URLs of the other pages.</summary>
public sealed record Paging(int Page, int PageSize, int Total, Func<int, string> Url)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Math.Clamp(Page, 1, Pages) - 1) * PageSize;

    public static int Clamp(int page) => page < 1 ? 1 : page;
}
