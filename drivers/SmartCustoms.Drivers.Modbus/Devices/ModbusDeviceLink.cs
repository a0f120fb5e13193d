using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Devices;

/// <summary>
/// What the three Modbus device drivers share: the client, the health tracker and the heartbeat
/// supervisor. It turns every outcome into health: refused/closed connections mark the device down
/// at once, other failures count towards <c>FailuresBeforeDown</c>, a stuck heartbeat marks it down, and
/// polls without a good answer for <c>SilenceTimeout</c> (stall, slow or garbled answers, exception
/// replies) mark it down then. Thread-safe.
/// </summary>
internal sealed partial class ModbusDeviceLink : IAsyncDisposable
{
    private readonly bool _ownsClient;
    private readonly HeartbeatSupervisor _heartbeat;
    private readonly DeviceSilenceWatchdog _silence;
    private readonly ILogger _logger;

    public ModbusDeviceLink(ModbusTcpClient client, bool ownsClient, ModbusDeviceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Client = client;
        _ownsClient = ownsClient;
        Time = time;
        _logger = logger;
        DeviceName = options.DeviceName;
        PollInterval = options.PollInterval;
        Health = new DeviceHealthTracker(options.DeviceName, options.FailuresBeforeDown, time);
        _heartbeat = new HeartbeatSupervisor(options.HeartbeatTimeout, time);
        _silence = new DeviceSilenceWatchdog(Health, options.SilenceTimeout, time, "no good answer to the polls");
        Health.Changed += (_, health) => LogHealthChanged(_logger, health.Device, health.State, health.Reason);
    }

    public ModbusTcpClient Client { get; }

    public DeviceHealthTracker Health { get; }

    public TimeProvider Time { get; }

    public string DeviceName { get; }

    public TimeSpan PollInterval { get; }

    /// <summary>Runs one Modbus operation and reports failures to the health tracker (successes are reported by <see cref="ConfirmAlive"/>).</summary>
    public async Task<T> RunAsync<T>(Func<ModbusTcpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(Client, cancellationToken);
        }
        catch (ModbusConnectionException ex)
        {
            _silence.Problem(ex.Message);
            Health.ReportDown(ex.Message);
            throw;
        }
        catch (DeviceException ex)
        {
            _silence.Problem(ex.Message);
            Health.ReportFailure(ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Feeds the heartbeat of a complete read: down (and throws) if it is stuck; otherwise publishes the
    /// reading, then reports degraded when the device reports a problem of its own
    /// (<paramref name="deviceProblem"/>), else up — in that order, so whoever sees "up" also sees the reading.
    /// </summary>
    /// <exception cref="DeviceException">The heartbeat is stuck: the device's data must not be used.</exception>
    public void ConfirmAlive(ushort heartbeat, string? deviceProblem, Action publish)
    {
        var stuck = _heartbeat.Observe(heartbeat);
        if (stuck is not null)
        {
            _silence.Problem(stuck);
            Health.ReportDown(stuck);
            throw new DeviceException($"{DeviceName}: {stuck}");
        }

        publish();
        _silence.Answered();
        if (deviceProblem is null)
        {
            Health.ReportSuccess();
        }
        else
        {
            Health.ReportDegraded(deviceProblem);
        }
    }

    /// <summary>Polls until cancelled; failures are already in the health state, so they are only logged here.</summary>
    public async Task PollAsync(Func<CancellationToken, Task> pollOnce, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, Time);
        do
        {
            try
            {
                _silence.Expect();
                await pollOnce(cancellationToken);
            }
            catch (DeviceException ex)
            {
                LogPollFailed(_logger, DeviceName, ex.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _silence.Abandon();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug or a throwing event handler must not end the polling (and with it the re-probing).
                LogPollCrashed(_logger, DeviceName, ex);
                Health.ReportFailure($"poll failed unexpectedly: {ex.Message}");
            }
        }
        while (await WaitForTickAsync(timer, cancellationToken));

        // Nobody polls any more: nothing is owed.
        _silence.Abandon();
    }

    public async ValueTask DisposeAsync()
    {
        _silence.Dispose();
        if (_ownsClient)
        {
            await Client.DisposeAsync();
        }
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "{Device}: health {State} {Reason}")]
    private static partial void LogHealthChanged(ILogger logger, string device, DeviceHealthState state, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "{Device}: poll failed unexpectedly")]
    private static partial void LogPollCrashed(ILogger logger, string device, Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "{Device}: poll failed: {Problem}")]
    private static partial void LogPollFailed(ILogger logger, string device, string problem);
}
