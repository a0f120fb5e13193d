using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Storage.Tests;

public sealed class EvidenceStoreTests : IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 0xFF, 0xD9];
    private readonly TempFolder _folder = new();
    private readonly RecordingFileSync _sync = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private LiteDbEvidenceStore Open(Action<StorageOptions>? configure = null) =>
        new(TestStores.Options(_folder.Path, configure), _time, NullLogger<LiteDbEvidenceStore>.Instance, _sync);

    private static EvidenceDraft Full(string? lot = "L1", string? alarm = null) => new("detection")
    {
        Lot = lot,
        AlarmId = alarm,
        Device = "nir",
        Jpeg = Jpeg,
        Spectra = new EvidenceSpectra([1000.0, 1500.5, 2000.0],
        [
            new EvidenceSpectrum("nir-7", new float[] { 0.25f, 0.5f, float.NaN }),
            new EvidenceSpectrum("nir-8", new float[] { 0.125f, 0.75f, 1f }),
        ]),
        Model = new EvidenceModel("spectral", "1.2.0", new string('a', 64)),
        Thresholds = new Dictionary<string, double> { ["contaminantProbability"] = 0.5 },
        Calibration = new JsonObject { ["id"] = "cal-1", ["ageSeconds"] = 42 },
        Details = new JsonObject { ["material"] = "plastic" },
    };

    [Fact]
    public async Task Save_WritesEachFileWithItsSha256_AndTheMetadata()
    {
        using var store = Open();
        var id = await store.SaveAsync(Full());

        Assert.Matches("^ev-[0-9a-f]{32}$", id);
        var record = await store.FindAsync(id);
        Assert.NotNull(record);
        Assert.Equal(["frame.jpg", "spectra.csv"], record.Files.Select(f => f.Name));
        var frame = await store.ReadFileAsync(id, "frame.jpg");
        Assert.NotNull(frame);
        Assert.True(frame.Intact);
        Assert.Equal(Jpeg, frame.Content);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Jpeg)), record.Files[0].Sha256);

        var csv = await store.ReadFileAsync(id, "spectra.csv");
        Assert.NotNull(csv);
        Assert.Equal("wavelength_nm,nir-7,nir-8\n1000,0.25,0.125\n1500.5,0.5,0.75\n2000,,1\n", Encoding.UTF8.GetString(csv.Content));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(csv.Content)), csv.File.Sha256);

        Assert.Equal("1.2.0", record.Metadata["model"]!["version"]!.GetValue<string>());
        Assert.Equal(0.5, record.Metadata["thresholds"]!["contaminantProbability"]!.GetValue<double>());
        Assert.Equal("cal-1", record.Metadata["calibration"]!["id"]!.GetValue<string>());
        Assert.Equal(1, record.Metadata["spectra"]!["nonFiniteValues"]!.GetValue<int>());
        Assert.Equal("L1", record.Lot);
        Assert.Equal(Jpeg.Length + csv.Content.Length, store.StoredBytes);
    }

    [Fact]
    public async Task Save_FsyncsEveryFileBeforeTheIndexEntry()
    {
        using var store = Open();
        var before = _sync.Calls.Count;
        await store.SaveAsync(Full());

        var calls = _sync.Calls.Skip(before).Select(Path.GetFileName).ToList();
        Assert.Equal(["frame.jpg", "spectra.csv", "index-log.db"], calls);
    }

    [Fact]
    public async Task AMetadataOnlyRecord_IsIndexed_WithoutAFolder()
    {
        using var store = Open();
        var id = await store.SaveAsync(new EvidenceDraft("segment") { Lot = "L1", Details = new JsonObject { ["verdict"] = "clear" } });

        var record = await store.FindAsync(id);
        Assert.NotNull(record);
        Assert.Empty(record.Files);
        Assert.Equal("clear", record.Metadata["details"]!["verdict"]!.GetValue<string>());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_folder.Path, "evidence")));
    }

    [Fact]
    public async Task Records_SurviveAReopen()
    {
        string id;
        using (var store = Open())
        {
            id = await store.SaveAsync(Full());
        }

        using var reopened = Open();
        Assert.Equal(1, reopened.Count);
        Assert.NotNull(await reopened.FindAsync(id));
        Assert.True((await reopened.ReadFileAsync(id, "frame.jpg"))!.Intact);
    }

    [Fact]
    public async Task AChangedFile_IsReportedAsNotIntact()
    {
        using var store = Open();
        var id = await store.SaveAsync(Full());
        var path = Directory.GetFiles(Path.Combine(_folder.Path, "evidence"), "frame.jpg", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[4] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var frame = await store.ReadFileAsync(id, "frame.jpg");
        Assert.NotNull(frame);
        Assert.False(frame.Intact);
    }

    [Theory]
    [InlineData("../events.db", "frame.jpg")]
    [InlineData("ev-00000000000000000000000000000000", "frame.jpg")]
    [InlineData(null, "../../events.db")]
    [InlineData(null, "index.db")]
    [InlineData(null, "crop.jpg")]
    public async Task UnknownOrUnsafeNames_FindNothing(string? id, string file)
    {
        using var store = Open();
        var real = await store.SaveAsync(Full());
        Assert.Null(await store.ReadFileAsync(id ?? real, file));
        if (id is not null)
        {
            Assert.Null(await store.FindAsync(id));
        }
    }

    [Fact]
    public async Task BadDrafts_AreRefusedWithAClearMessage_AndStoreNothing()
    {
        using var store = Open();
        var ragged = Full() with
        {
            Spectra = new EvidenceSpectra([1000.0, 1001.0], [new EvidenceSpectrum("nir-1", new float[] { 0.1f })]),
        };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(ragged));
        Assert.Contains("1 values for 2 wavelengths", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Full() with { FrameFileName = "../x.jpg" }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new EvidenceDraft(" ")));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Prune_KeepsOpenLotsAndUnacknowledgedAlarms_AndDeletesTheRestPastRetention()
    {
        using var store = Open(o => o.EvidenceRetentionDays = 10);
        var openLot = await store.SaveAsync(Full(lot: "OPEN"));
        var closedLot = await store.SaveAsync(Full(lot: "CLOSED"));
        var unacked = await store.SaveAsync(Full(lot: null, alarm: "alm-1"));
        var acked = await store.SaveAsync(Full(lot: null, alarm: "alm-2"));
        await store.MarkAlarmAcknowledgedAsync("alm-2");
        _time.Advance(TimeSpan.FromDays(11));
        var recent = await store.SaveAsync(Full(lot: "CLOSED"));

        var holds = new EvidenceHolds(new HashSet<string> { "OPEN" }, HoldAllLots: false);
        Assert.Equal(2, await store.PruneAsync(holds));

        Assert.NotNull(await store.FindAsync(openLot));
        Assert.NotNull(await store.FindAsync(unacked));
        Assert.NotNull(await store.FindAsync(recent));
        Assert.Null(await store.FindAsync(closedLot));
        Assert.Null(await store.FindAsync(acked));
        Assert.Equal(3, store.Count);
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(_folder.Path, "evidence"), "ev-*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Prune_WithUnknownHolds_KeepsEveryLotsEvidence()
    {
        using var store = Open(o => o.EvidenceRetentionDays = 1);
        await store.SaveAsync(Full(lot: "L1"));
        await store.SaveAsync(Full(lot: null));
        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, await store.PruneAsync(EvidenceHolds.Unknown));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Prune_OverTheDiskBudget_DeletesTheOldestUnheldFirst()
    {
        var size = 0L;
        using (var probe = new LiteDbEvidenceStore(TestStores.Options(Path.Combine(_folder.Path, "probe")), _time,
                   NullLogger<LiteDbEvidenceStore>.Instance, _sync))
        {
            await probe.SaveAsync(Full(lot: null));
            size = probe.StoredBytes;
        }

        using var store = Open(o => o.EvidenceMaxDiskBytes = (2 * size) + 1);
        var held = await store.SaveAsync(Full(lot: "OPEN"));
        var oldest = await store.SaveAsync(Full(lot: null));
        var middle = await store.SaveAsync(Full(lot: null));
        var newest = await store.SaveAsync(Full(lot: null));

        Assert.Equal(2, await store.PruneAsync(new EvidenceHolds(new HashSet<string> { "OPEN" }, false)));
        Assert.NotNull(await store.FindAsync(held));
        Assert.Null(await store.FindAsync(oldest));
        Assert.Null(await store.FindAsync(middle));
        Assert.NotNull(await store.FindAsync(newest));
        Assert.True(store.StoredBytes <= (2 * size) + 1);
    }
}
