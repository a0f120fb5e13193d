using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Perf.Components;

/// <summary>The NIR driver's parse of one <c>FETC:BURS? 50</c> block (50 spectra × 256 pixels, the gateway's burst).</summary>
[MemoryDiagnoser]
public class ScpiBurstParseBenchmarks
{
    private const int Pixels = 256;
    private byte[] _block = [];

    [Params(50)]
    public int Spectra { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var stride = (int)BurstParser.SpectrumBytes(Pixels);
        _block = new byte[Spectra * stride];
        var random = new Random(1);
        for (var i = 0; i < Spectra; i++)
        {
            var record = _block.AsSpan(i * stride, stride);
            BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)i);
            BinaryPrimitives.WriteInt64LittleEndian(record[8..], 1_000_000L + (i * 2000));
            BinaryPrimitives.WriteSingleLittleEndian(record[16..], -10f);
            for (var p = 0; p < Pixels; p++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(record[(BurstParser.HeaderBytes + (4 * p))..], 10_000f + (float)(random.NextDouble() * 20_000));
            }
        }
    }

    [Benchmark]
    public int ParseBurst() => BurstParser.Parse(_block, Spectra, Pixels, DateTimeOffset.UnixEpoch, 0).Length;
}
