using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>
/// The gateway as a separate process with --simulate and its embedded broker, so that its <c>/metrics</c> holds
/// only its own instruments (in-process gateways of other test classes would share the process-wide meters).
/// </summary>
public sealed class ScrapedGatewayFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private GatewayProcess? _gateway;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var args = SimulatedGatewayArguments.Create("clean", MosquittoFixture.FreePort(), embeddedBroker: true);
        _gateway = GatewayProcess.Start([.. args]);
        Address = await StoredEventsClient.AddressOfAsync(_gateway, TimeSpan.FromSeconds(90));
    }

    public async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(Address, path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Scrapes until <paramref name="done"/> holds; fails with the last scrape and the gateway's output.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(Func<IReadOnlyList<PrometheusSample>, bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            try
            {
                last = await GetAsync("metrics");
                var samples = PrometheusText.Parse(last);
                if (done(samples))
                {
                    return samples;
                }
            }
            catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
            {
                // A gateway still warming up on a loaded 2-core machine can take longer than the client's timeout.
                last = "(scrape timed out: " + ex.Message + ")";
            }

            if (clock.Elapsed > within || Gateway.HasExited)
            {
                throw new TimeoutException($"/metrics did not reach the expected state within {within}:\n{last}\nstderr:\n{Gateway.StandardError}");
            }

            await Task.Delay(250);
        }
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
