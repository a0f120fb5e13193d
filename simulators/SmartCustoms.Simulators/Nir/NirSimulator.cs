using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Tcp;

namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// The simulated NIR spectrometer's SCPI server on raw TCP: many clients, one command per line.
/// Honours the faults of its <see cref="NirInstrument.Faults"/> injector (disconnect closes every
/// socket and refuses connections; stall, garbage, slow, NaN and saturated spectra act per command).
/// Start with <see cref="StartAsync"/>; <see cref="DisposeAsync"/> closes everything and waits for
/// the loops to end. Thread-safe.
/// </summary>
public sealed class NirSimulator : IAsyncDisposable
{
    private readonly NirSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ScpiErrorBuffer _errors = new();
    private readonly FaultableTcpListener _tcp;
    private long _commands;
    private long _spectra;
    private long _errorCount;

    public NirSimulator(NirInstrument instrument, NirSimulatorOptions options, ILogger<NirSimulator> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        string? problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        Instrument = instrument;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _tcp = new FaultableTcpListener("nir", instrument.Faults, ServeAsync, logger, _time);
    }

    public NirInstrument Instrument { get; }

    /// <summary>The bound endpoint (the actual port when 0 was asked for). Valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => _tcp.Endpoint;

    public int ConnectionCount => _tcp.ConnectionCount;

    public long CommandsServed => Interlocked.Read(ref _commands);

    public long SpectraServed => Interlocked.Read(ref _spectra);

    public long CommandErrors => Interlocked.Read(ref _errorCount);

    /// <summary>True while the listener accepts connections (false during a disconnect fault).</summary>
    public bool IsListening => _tcp.IsListening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _tcp.Start(new IPEndPoint(_options.BindAddress, _options.Port));
        NirLog.Listening(_logger, Endpoint, Instrument.Identity);
        return Task.CompletedTask;
    }

    /// <summary>Closes everything and waits for the connections to end.</summary>
    public ValueTask DisposeAsync() => _tcp.DisposeAsync();

    internal void CountCommand() => Interlocked.Increment(ref _commands);

    internal void CountSpectra(int n) => Interlocked.Add(ref _spectra, n);

    internal void CountError() => Interlocked.Increment(ref _errorCount);

    private async Task ServeAsync(Socket socket, int id, CancellationToken ct)
    {
        using var connection = new NirConnection(socket, Instrument, _options, _errors, this, _time, _logger, id);
        await connection.RunAsync(ct);
    }
}
