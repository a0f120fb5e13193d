using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// The lane's mode set by <c>set-mode</c>, kept in <c>{Storage:Path}/lane-mode.json</c>
/// (<c>{"mode":"maintenance","since":"…","by":"…","note":"…"}</c>) so a lane left in maintenance is still in
/// maintenance after a reboot (technicians may restart the gateway while they work). Written to a temporary file,
/// flushed and renamed, like <see cref="ThresholdSettingsFile"/>. Thread-safe (one writer at a time).
/// </summary>
internal sealed class LaneModeFile(IOptions<StorageOptions> storage)
{
    public const string FileName = "lane-mode.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock _gate = new();

    public string Path => System.IO.Path.Combine(storage.Value.Path, FileName);

    /// <summary>The saved mode, or null when none was saved. Throws <see cref="InvalidDataException"/> naming the file when it is damaged.</summary>
    public LaneModeChange? Read()
    {
        lock (_gate)
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            Saved? saved;
            try
            {
                saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(Path), Json);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{Path} is not a lane mode file: {ex.Message}", ex);
            }

            if (saved is null || !LaneModeRules.TryParse(saved.Mode, out var mode))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{Path}: 'mode' must be one of {LaneModeRules.AllowedValues}, got '{saved?.Mode}'"));
            }

            return new LaneModeChange(mode, saved.Since ?? default, saved.By, saved.Note);
        }
    }

    public void Save(LaneModeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            Directory.CreateDirectory(storage.Value.Path);
            var temporary = Path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, new Saved(LaneModeRules.Name(change.Mode), change.Since, change.By, change.Note), Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
    }

    private sealed record Saved(string? Mode, DateTimeOffset? Since, string? By, string? Note);
}
