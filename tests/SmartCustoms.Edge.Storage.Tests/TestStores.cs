using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace SmartCustoms.Edge.Storage.Tests;

internal static class TestStores
{
    public static StorageOptions Options(string path, Action<StorageOptions>? configure = null)
    {
        var options = new StorageOptions { Path = path, Site = "pier7", Lane = "lane2" };
        configure?.Invoke(options);
        return options;
    }

    public static LiteDbEventStore Open(string path, IFileSync? fileSync = null, TimeProvider? time = null,
        Action<StorageOptions>? configure = null) =>
        new(Options(path, configure), time ?? TimeProvider.System, NullLogger<LiteDbEventStore>.Instance,
            fileSync ?? new RecordingFileSync());

    public static EventDraft Detection(int n, string? lot = "L1") =>
        EventDraft.ForEvent("detection", new JsonObject { ["n"] = n, ["material"] = "wood" }, lot);
}
