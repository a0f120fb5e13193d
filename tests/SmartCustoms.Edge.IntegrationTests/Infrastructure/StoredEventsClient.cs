using System.Globalization;
using System.Text.Json;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>One envelope as the gateway stored it (from <c>GET /api/events</c>).</summary>
public sealed record StoredEnvelope(long Seq, string Id, string Schema, string Json);

/// <summary>
/// Reads everything a gateway has stored through <c>GET /api/events?afterSeq=N&amp;limit=1000</c>, page by page.
/// Not thread-safe (one test at a time).
/// </summary>
public sealed class StoredEventsClient : IDisposable
{
    private readonly HttpClient _http;

    public StoredEventsClient(Uri baseAddress) => _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The gateway's HTTP address from its "UI and HTTP API: http://…/" start line.</summary>
    public static async Task<Uri> AddressOfAsync(GatewayProcess gateway, TimeSpan within)
    {
        const string marker = "UI and HTTP API: ";
        var line = await gateway.WaitForOutputAsync(l => l.Contains(marker, StringComparison.Ordinal), within);
        var start = line.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = line.IndexOf(' ', start);
        return new Uri((end < 0 ? line[start..] : line[start..end]).TrimEnd('/') + "/");
    }

    /// <summary>The gateway's HTTP address if it has printed its start line yet, else null.</summary>
    public static Uri? TryAddressOf(GatewayProcess gateway)
    {
        const string marker = "UI and HTTP API: ";
        var line = gateway.StandardOutput.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var start = line.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = line.IndexOf(' ', start);
        return new Uri((end < 0 ? line[start..] : line[start..end]).TrimEnd('/') + "/");
    }

    public async Task<IReadOnlyList<StoredEnvelope>> ReadAllAsync()
    {
        var all = new List<StoredEnvelope>();
        long after = 0;
        while (true)
        {
            var body = await _http.GetStringAsync(new Uri("api/events?limit=1000&afterSeq=" + after.ToString(CultureInfo.InvariantCulture), UriKind.Relative));
            using var document = JsonDocument.Parse(body);
            var events = document.RootElement.GetProperty("events");
            if (events.GetArrayLength() == 0)
            {
                return all;
            }

            foreach (var e in events.EnumerateArray())
            {
                var stored = new StoredEnvelope(e.GetProperty("seq").GetInt64(), e.GetProperty("id").GetString()!,
                    e.GetProperty("schema").GetString()!, e.GetRawText());
                all.Add(stored);
                after = stored.Seq;
            }
        }
    }

    /// <summary><c>POST /api/commands/{name}</c> with a bearer token (Commands:Tokens); returns the reply body.</summary>
    public async Task<string> CommandAsync(string name, string json, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/commands/" + name, UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
