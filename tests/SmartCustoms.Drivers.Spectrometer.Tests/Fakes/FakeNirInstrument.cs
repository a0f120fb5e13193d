using System.Globalization;
using System.Text;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>
/// The NIR SCPI subset of CONTRACT.md, written for the tests from the contract alone:
/// answers one command line with the reply bytes (or null for commands without a reply).
/// Thread-safe.
/// </summary>
internal sealed class FakeNirInstrument
{
    private readonly object _gate = new();
    private readonly Queue<string> _errors = new();
    private ulong _sequence;
    private long _deviceMicroseconds;
    private int _integrationUs = 1000;
    private int _averaging = 1;

    public FakeNirInstrument(int pixels = 256)
    {
        Pixels = pixels;
        Wavelengths = Enumerable.Range(0, pixels).Select(i => 1000f + (1000f * i / (pixels - 1))).ToArray();
    }

    public int Pixels { get; }

    public float[] Wavelengths { get; }

    public float TemperatureC { get; set; } = 25.0f;

    /// <summary>Lets a test replace the reply to a command (return null to fall through to the normal reply).</summary>
    public Func<string, byte[]?>? Override { get; set; }

    public int IntegrationUs
    {
        get { lock (_gate) { return _integrationUs; } }
    }

    public int Averaging
    {
        get { lock (_gate) { return _averaging; } }
    }

    public static float[] Dark(int pixels) => Enumerable.Range(0, pixels).Select(i => 1000f + (i % 7)).ToArray();

    public static float[] White(int pixels) => Enumerable.Range(0, pixels).Select(i => 50000f - (i * 10)).ToArray();

    public byte[]? Respond(string line)
    {
        if (Override?.Invoke(line) is { } overridden)
        {
            return overridden;
        }

        lock (_gate)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var header = parts[0].ToUpperInvariant();
            var argument = parts.Length > 1 ? parts[1] : null;
            switch (header)
            {
                case "*IDN?":
                    return Wire.Line("Acme Optics,NIR-256X,SN1234,1.2.3");
                case "*RST":
                    _integrationUs = 1000;
                    _averaging = 1;
                    return null;
                case "*CLS":
                    _errors.Clear();
                    return null;
                case "SYST:ERR?":
                    return Wire.Line(_errors.Count > 0 ? _errors.Dequeue() : "0,\"No error\"");
                case "SENS:PIX?":
                    return Wire.Line(Pixels.ToString(CultureInfo.InvariantCulture));
                case "SENS:WAV?":
                    return Wire.Line(string.Join(',', Wavelengths.Select(w => w.ToString("R", CultureInfo.InvariantCulture))));
                case "CONF:INT" when int.TryParse(argument, CultureInfo.InvariantCulture, out var us) && us > 0:
                    _integrationUs = us;
                    return null;
                case "CONF:INT?":
                    return Wire.Line(_integrationUs.ToString(CultureInfo.InvariantCulture));
                case "CONF:AVG" when int.TryParse(argument, CultureInfo.InvariantCulture, out var n) && n > 0:
                    _averaging = n;
                    return null;
                case "CONF:AVG?":
                    return Wire.Line(_averaging.ToString(CultureInfo.InvariantCulture));
                case "MEAS:SPEC?":
                    return Wire.FloatBlock(NextCounts());
                case "FETC:BURS?" when int.TryParse(argument, CultureInfo.InvariantCulture, out var count) && count > 0:
                    return Wire.Block(Burst(count));
                case "CAL:DARK?":
                    return Wire.FloatBlock(Dark(Pixels));
                case "CAL:WHITE?":
                    return Wire.FloatBlock(White(Pixels));
                case "STAT:TEMP?":
                    return Wire.Line(TemperatureC.ToString("0.00", CultureInfo.InvariantCulture));
                case "STAT:LAMP?":
                    return Wire.Line("1234.5");
                default:
                    _errors.Enqueue("-113,\"Undefined header\"");
                    return null;
            }
        }
    }

    private byte[] Burst(int count)
    {
        var bytes = new List<byte>(count * (20 + (4 * Pixels)));
        for (var i = 0; i < count; i++)
        {
            _sequence++;
            _deviceMicroseconds += 2000;
            bytes.AddRange(Wire.SpectrumRecord(_sequence, _deviceMicroseconds, TemperatureC, NextCounts()));
        }

        return [.. bytes];
    }

    private float[] NextCounts()
    {
        var counts = new float[Pixels];
        for (var p = 0; p < Pixels; p++)
        {
            counts[p] = 1000f + (((p * 31) + (int)(_sequence % 100)) % 20000);
        }

        return counts;
    }

    public static string Describe(byte[] reply) => Encoding.ASCII.GetString(reply);
}
