using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.Nir;

namespace SmartCustoms.Simulators.Tests.Nir;

/// <summary>Spectrum CSV replay (scsim replay FILE.csv): parsing, errors naming file and line, and the spectra served.</summary>
public sealed class ReplaySpectraTests : IDisposable
{
    private static readonly double[] Grid = [.. Enumerable.Range(0, 256).Select(i => 1000 + (i * 1000.0 / 255))];
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Csv(string header, Func<double, string> row, double from = 900, double to = 2100, double step = 10)
    {
        var sb = new StringBuilder(header).Append('\n');
        for (double w = from; w <= to; w += step)
        {
            sb.Append(w.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row(w)).Append('\n');
        }

        return sb.ToString();
    }

    [Fact]
    public void Several_columns_are_resampled_onto_the_instrument_grid_and_percent_is_scaled()
    {
        var multi = ReplaySpectra.Load(Write("m.csv", Csv("wavelength_nm,s1,s2", w => string.Create(CultureInfo.InvariantCulture, $"{w / 10000},0.5"))), Grid);
        Assert.Equal(2, multi.Count);
        var r = new double[256];
        multi.Fill(0, r);
        Assert.Equal(Grid[100] / 10000, r[100], 9);
        multi.Fill(3, r); // wraps: spectrum 3 % 2 = 1
        Assert.All(r, v => Assert.Equal(0.5, v, 9));

        var pct = ReplaySpectra.Load(Write("p.csv", Csv("wavelength_nm,reflectance_pct", _ => "12.5")), Grid);
        pct.Fill(0, r);
        Assert.Equal(0.125, r[0], 9);
    }

    [Theory]
    [InlineData("narrow", "1050-1850 nm")]
    [InlineData("text", ":3:")]
    [InlineData("ragged", ":4: ragged")]
    [InlineData("header", ":1: header")]
    public void Bad_files_name_the_file_and_the_line(string kind, string expected)
    {
        string text = kind switch
        {
            "narrow" => Csv("wavelength_nm,reflectance", _ => "0.1", from: 1100, to: 1800),
            "text" => "wavelength_nm,reflectance\n1000,0.1\n1010,abc\n",
            "ragged" => "wavelength_nm,reflectance\n1000,0.1\n1010,0.1\n1020,0.1,0.2\n",
            _ => "nm;r\n1000;0.1\n",
        };
        string path = Write(kind + ".csv", text);
        var ex = Assert.Throws<InvalidDataException>(() => ReplaySpectra.Load(path, Grid));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nir_serves_replayed_spectra_over_scpi()
    {
        string bright = Write("bright.csv", Csv("wavelength_nm,reflectance", _ => "0.9"));
        string dark = Write("dark.csv", Csv("wavelength_nm,reflectance", _ => "0.05"));
        async Task<double> MeanCountsAsync(string file)
        {
            await using var lane = await SimulatedLane.StartAsync(
                new SimulatedLaneOptions { NirPort = 0, SamplerPort = -1, ScalePort = -1, RadiationPort = -1, CameraPort = -1, ControlPort = -1, NirReplayFile = file },
                NullLoggerFactory.Instance,
                CancellationToken.None);
            await using var client = await ScpiTestClient.ConnectAsync(lane.NirEndpoint);
            await client.SendAsync("MEAS:SPEC?");
            byte[] block = await client.ReadBlockAsync();
            var counts = new float[block.Length / 4];
            Buffer.BlockCopy(block, 0, counts, 0, block.Length);
            return counts.Average();
        }

        Assert.True(await MeanCountsAsync(bright) > 3 * await MeanCountsAsync(dark));
    }
}
