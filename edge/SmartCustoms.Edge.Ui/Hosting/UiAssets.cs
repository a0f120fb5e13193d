using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace SmartCustoms.Edge.Ui.Hosting;

/// <summary>The page's CSS and scripts, embedded in this assembly (nothing fetched from the internet). Thread-safe.</summary>
internal static class UiAssets
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string file)
    {
        var type = Path.GetExtension(file) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        var bytes = type is null ? null : Cache.GetOrAdd(file, Load);
        return bytes is null ? Results.NotFound() : Results.Bytes(bytes, type);
    }

    private static byte[]? Load(string file)
    {
        using var stream = typeof(UiAssets).Assembly.GetManifestResourceStream("ui/" + file);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
