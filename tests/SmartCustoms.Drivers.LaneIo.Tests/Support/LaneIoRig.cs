using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Climate;
using SmartCustoms.Drivers.LaneIo.Gpio;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.LaneIo.Simulation;

namespace SmartCustoms.Drivers.LaneIo.Tests.Support;

/// <summary>A <see cref="GpioLaneIo"/> on a real <see cref="GpioController"/> over the simulated driver, with fake time.</summary>
internal sealed class LaneIoRig : IAsyncDisposable
{
    public const int BeltPin = 5;
    public const int EStopPin = 6;
    public const int EncoderPin = 13;
    public const int GreenPin = 17;
    public const int AmberPin = 27;
    public const int RedPin = 22;
    public const int HornPin = 23;

    public LaneIoRig(Action<LaneIoOptions>? configure = null, Func<ICabinetClimateReader>? climate = null, bool open = true)
    {
        Options = Default();
        configure?.Invoke(Options);
        LaneIo = new GpioLaneIo(Options, () => new GpioController(Driver), climate, Time);
        LaneIo.InputChanged += (_, change) => { lock (Changes) { Changes.Add(change); } };
        if (open)
        {
            LaneIo.Open();
        }
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));

    public SimulatedGpioDriver Driver { get; } = new();

    public LaneIoOptions Options { get; }

    public GpioLaneIo LaneIo { get; }

    public List<LaneInputChange> Changes { get; } = [];

    public static LaneIoOptions Default() => new()
    {
        Enabled = true,
        Board = LaneIoBoard.Simulated,
        DebounceMs = 20,
        SampleIntervalMs = 5,
        EncoderPulsesPerMetre = 100,
        SpeedWindow = TimeSpan.FromSeconds(1),
        ReopenInterval = TimeSpan.FromSeconds(5),
        Pins = new LaneIoPinMap
        {
            BeltRunning = BeltPin,
            EStop = EStopPin,
            EncoderA = EncoderPin,
            StackGreen = GreenPin,
            StackAmber = AmberPin,
            StackRed = RedPin,
            Horn = HornPin,
        },
    };

    /// <summary>Samples, then advances fake time by one sample interval, <paramref name="samples"/> times.</summary>
    public void Run(int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            LaneIo.SampleInputs();
            Time.Advance(TimeSpan.FromMilliseconds(Options.SampleIntervalMs));
        }
    }

    public void Drive(int pin, bool high) => Driver.DriveInput(pin, high ? PinValue.High : PinValue.Low);

    public ValueTask DisposeAsync() => LaneIo.DisposeAsync();
}
