using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>Hands the driver in-memory streams; each connect makes a new one (or fails when told to).</summary>
internal sealed class FakeConnectionFactory : IScpiConnectionFactory
{
    private readonly Func<InstrumentStream> _create;
    private readonly List<InstrumentStream> _streams = [];

    public FakeConnectionFactory(Func<InstrumentStream> create) => _create = create;

    public string Endpoint => "memory://nir";

    public bool Refuse { get; set; }

    public IReadOnlyList<InstrumentStream> Streams
    {
        get { lock (_streams) { return _streams.ToArray(); } }
    }

    public InstrumentStream Last => Streams[^1];

    public Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Refuse)
        {
            throw new DeviceException("could not connect to memory://nir: connection refused");
        }

        var stream = _create();
        lock (_streams)
        {
            _streams.Add(stream);
        }

        return Task.FromResult<Stream>(stream);
    }
}
