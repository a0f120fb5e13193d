using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCustoms.Edge.IntegrationTests.Gateway;

/// <summary>What the quick-start test adds to a time-out so a CI log says where the gateway stood.</summary>
internal static partial class QuickStartDiagnostics
{
    /// <summary>The gateway's NIR, camera, store and MQTT counters from its /metrics, or why they could not be read.</summary>
    public static async Task<string> MetricsAsync(string uiLine)
    {
        var match = UiAddress().Match(uiLine);
        if (!match.Success)
        {
            return "(no address in: " + uiLine + ")";
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var text = await http.GetStringAsync(new Uri(new Uri(match.Value), "metrics"));
            var wanted = text.Split('\n')
                .Where(l => !l.StartsWith('#') && (l.StartsWith("sc_nir_", StringComparison.Ordinal) || l.StartsWith("sc_camera_frames", StringComparison.Ordinal) ||
                                                   l.StartsWith("sc_store_appended", StringComparison.Ordinal) || l.StartsWith("sc_mqtt_", StringComparison.Ordinal)));
            return string.Join('\n', wanted);
        }
#pragma warning disable CA1031 // Diagnostics only: the original time-out is what the test reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return "(metrics not read: " + ex.Message + ")";
        }
    }

    /// <summary>The gateway's first warnings and errors, shortened, on one line.</summary>
    public static string FirstWarnings(string standardOutput)
    {
        var lines = standardOutput.Split('\n')
            .Where(l => l.Contains("[WRN]", StringComparison.Ordinal) || l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal))
            .Take(6)
            .Select(l => l.Length > 180 ? l[..180] : l)
            .ToList();
        return lines.Count == 0 ? "none" : string.Join(" | ", lines);
    }

    /// <summary>The envelope's seq in a `mosquitto_sub -v` line; 0 when it has none.</summary>
    public static long Seq(string line)
    {
        var match = SeqField().Match(line);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+/?")]
    private static partial Regex UiAddress();

    [GeneratedRegex("\"seq\":([0-9]+)")]
    private static partial Regex SeqField();
}
