using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Edge.Storage.Audit;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Storage.Tests;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddEdgeStorage_OpensEvidenceAndAuditAtStart_AndKeepsEveryLotsEvidenceByDefault()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = _folder.Path,
            ["Storage:Site"] = "s",
            ["Storage:Lane"] = "l",
        });
        builder.Services.AddEdgeStorage();
        using var host = builder.Build();
        await host.StartAsync();

        Assert.True(File.Exists(Path.Combine(_folder.Path, "evidence", "index.db")));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "audit", "audit.jsonl")));
        Assert.True(host.Services.GetRequiredService<IEvidenceHoldSource>().Capture().HoldAllLots);
        var audit = host.Services.GetRequiredService<IAuditLog>();
        await audit.AppendAsync(new AuditEntry("system", "test"));
        Assert.Equal(1, audit.Count);
        await host.StopAsync();
    }
}
