using System.Globalization;
using System.Text.Json;
using SmartCustoms.Perf.Processes;

namespace SmartCustoms.Perf.Soak;

/// <summary>
/// One device's health through the soak, from the stored <c>sc.device.state</c> events in seq order: how often it
/// went down after having been up ("not connected yet" at start is not a fault), how often it came back up, the
/// longest time down, and its state at the end. Pure.
/// </summary>
internal sealed record DeviceRecovery(string Device, int Downs, int Recoveries, double LongestDownSeconds, string FinalState)
{
    public bool Recovered => FinalState == "up" && Recoveries >= Downs;

    public static List<DeviceRecovery> From(IEnumerable<StoredEvent> stored)
    {
        var tracks = new SortedDictionary<string, Track>(StringComparer.Ordinal);
        foreach (var e in stored.Where(e => e.Schema == "sc.device.state/1").OrderBy(e => e.Seq))
        {
            using var document = JsonDocument.Parse(e.Json);
            var data = document.RootElement.GetProperty("data");
            var device = data.GetProperty("device").GetString()!;
            if (!tracks.TryGetValue(device, out var track))
            {
                tracks[device] = track = new Track();
            }

            track.Add(data.GetProperty("state").GetString()!, DateTimeOffset.Parse(data.GetProperty("since").GetString()!, CultureInfo.InvariantCulture));
        }

        return [.. tracks.Select(p => new DeviceRecovery(p.Key, p.Value.Downs, p.Value.Recoveries, p.Value.LongestDownSeconds, p.Value.State))];
    }

    private sealed class Track
    {
        private bool _wasUp;
        private bool _down;
        private DateTimeOffset _downSince;

        public string State { get; private set; } = "unknown";

        public int Downs { get; private set; }

        public int Recoveries { get; private set; }

        public double LongestDownSeconds { get; private set; }

        public void Add(string state, DateTimeOffset since)
        {
            if (state == "down" && _wasUp && !_down)
            {
                _down = true;
                _downSince = since;
                Downs++;
            }
            else if (state == "up")
            {
                if (_down)
                {
                    Recoveries++;
                    LongestDownSeconds = Math.Max(LongestDownSeconds, (since - _downSince).TotalSeconds);
                }

                _down = false;
                _wasUp = true;
            }

            State = state;
        }
    }
}
