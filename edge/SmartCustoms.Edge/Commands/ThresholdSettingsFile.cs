using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// Verdict thresholds changed at run time (<c>set-threshold</c>), kept in <c>{Storage:Path}/lane-thresholds.json</c>
/// (<c>{"LotHoldContaminatedSegments":2,…}</c>) so they survive a restart; they override <c>Lane:Verdicts</c> from
/// the settings files. Written to a temporary file, flushed to disk and renamed, so a power cut leaves the old or
/// the new file, never half of one. Thread-safe (one writer at a time).
/// </summary>
internal sealed class ThresholdSettingsFile(IOptions<StorageOptions> storage)
{
    public const string FileName = "lane-thresholds.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Lock _gate = new();

    public string Path => System.IO.Path.Combine(storage.Value.Path, FileName);

    /// <summary>The saved values (empty when none were saved). Throws <see cref="InvalidDataException"/> naming the file when it is not a JSON object of numbers.</summary>
    public IReadOnlyDictionary<string, double> Read()
    {
        lock (_gate)
        {
            return ReadUnlocked();
        }
    }

    /// <summary>Saves <paramref name="name"/> = <paramref name="value"/> beside the values saved before.</summary>
    public void Save(string name, double value)
    {
        lock (_gate)
        {
            Dictionary<string, double> values;
            try
            {
                values = new Dictionary<string, double>(ReadUnlocked(), StringComparer.Ordinal);
            }
            catch (InvalidDataException)
            {
                // A damaged file is replaced by the values set from now on (start-up already reported it).
                values = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            values[name] = value;
            Directory.CreateDirectory(storage.Value.Path);
            var temporary = Path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(), Indented);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
    }

    private Dictionary<string, double> ReadUnlocked()
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(Path)) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{Path} is not a JSON object of threshold numbers: {ex.Message}"), ex);
        }
    }
}
