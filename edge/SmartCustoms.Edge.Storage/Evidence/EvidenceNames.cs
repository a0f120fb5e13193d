using System.Text.RegularExpressions;

namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>Which ids and file names are accepted: they become path segments, so nothing else gets through.</summary>
internal static partial class EvidenceNames
{
    public const string SpectraFile = "spectra.csv";

    public static bool IsEvidenceId(string? id) => id is not null && EvidenceId().IsMatch(id);

    public static bool IsFileName(string? name) => name is not null && FileName().IsMatch(name);

    public static bool IsColumnName(string? name) => name is not null && ColumnName().IsMatch(name);

    [GeneratedRegex("^ev-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex EvidenceId();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}\\.(jpg|csv)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnName();
}
