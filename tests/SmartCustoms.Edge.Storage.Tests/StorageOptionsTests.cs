using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Defaults_AreValid_OnceSiteAndLaneAreSet()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Site = "s", Lane = "l" });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("MaxDiskBytes", "Storage:MaxDiskBytes")]
    [InlineData("CommitBatchMaxSize", "Storage:CommitBatchMaxSize")]
    [InlineData("RetentionDays", "Storage:RetentionDays")]
    [InlineData("Site", "Storage:Site")]
    [InlineData("Path", "Storage:Path")]
    [InlineData("EvidenceRetentionDays", "Storage:EvidenceRetentionDays")]
    [InlineData("EvidenceMaxDiskBytes", "Storage:EvidenceMaxDiskBytes")]
    public void BadValue_FailsNamingTheKey(string property, string key)
    {
        var options = new StorageOptions { Site = "s", Lane = "l" };
        switch (property)
        {
            case "MaxDiskBytes": options.MaxDiskBytes = 10; break;
            case "CommitBatchMaxSize": options.CommitBatchMaxSize = 0; break;
            case "RetentionDays": options.RetentionDays = 0; break;
            case "Site": options.Site = "a/b"; break;
            case "Path": options.Path = " "; break;
            case "EvidenceRetentionDays": options.EvidenceRetentionDays = -1; break;
            case "EvidenceMaxDiskBytes": options.EvidenceMaxDiskBytes = 1000; break;
        }

        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEdgeStorage_WithBadSetting_StopsHostStartWithTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), "sc-never-" + Guid.NewGuid().ToString("N")),
            ["Storage:Site"] = "s",
            ["Storage:Lane"] = "l",
            ["Storage:CommitBatchMaxSize"] = "0",
        });
        builder.Services.AddEdgeStorage();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Storage:CommitBatchMaxSize", ex.Message, StringComparison.Ordinal);
    }
}
