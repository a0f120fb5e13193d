using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Scpi;

public sealed class ScpiSessionTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Query_writes_the_command_and_a_single_newline()
    {
        var stream = new InstrumentStream(line => line == "*IDN?" ? Wire.Line("A,B,C,D") : null);
        await using var session = new ScpiSession(stream, shouldDispose: true, ScpiReaderLimits.Default, _time);

        await session.SendAsync("CONF:INT 2000", CancellationToken.None);
        var reply = await session.QueryLineAsync("*IDN?", CancellationToken.None);

        Assert.Equal("A,B,C,D", reply);
        Assert.Equal("CONF:INT 2000\n*IDN?\n", stream.WrittenText);
    }

    [Fact]
    public async Task After_a_bad_reply_the_session_refuses_further_commands()
    {
        var stream = new InstrumentStream(line => Wire.Line("not a block"));
        await using var session = new ScpiSession(stream, shouldDispose: true, ScpiReaderLimits.Default, _time);

        var first = await Assert.ThrowsAsync<ProtocolException>(() => session.QueryBlockAsync("CAL:DARK?", CancellationToken.None));
        var second = await Assert.ThrowsAsync<DeviceException>(() => session.QueryLineAsync("*IDN?", CancellationToken.None));

        Assert.StartsWith("CAL:DARK?: expected a definite-length block", first.Message, StringComparison.Ordinal);
        Assert.Contains("unusable after an earlier error", second.Message, StringComparison.Ordinal);
        Assert.Equal(["CAL:DARK?"], stream.Commands);
    }

    [Fact]
    public async Task Commands_with_line_breaks_are_refused_before_anything_is_sent()
    {
        var stream = new InstrumentStream();
        await using var session = new ScpiSession(stream, shouldDispose: true, ScpiReaderLimits.Default, _time);

        await Assert.ThrowsAsync<ArgumentException>(() => session.SendAsync("CONF:INT 1\n*RST", CancellationToken.None));

        Assert.Equal(string.Empty, stream.WrittenText);
    }

    [Fact]
    public async Task Concurrent_queries_never_interleave()
    {
        var stream = new InstrumentStream(line => Wire.Line("reply to " + line));
        await using var session = new ScpiSession(stream, shouldDispose: true, ScpiReaderLimits.Default, _time);

        var replies = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => session.QueryLineAsync($"Q{i}?", CancellationToken.None))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"reply to Q{i}?"), replies);
    }

    [Fact]
    public async Task Dispose_with_should_dispose_closes_the_stream_and_without_it_does_not()
    {
        var owned = new InstrumentStream();
        var borrowed = new InstrumentStream();

        await new ScpiSession(owned, shouldDispose: true, ScpiReaderLimits.Default, _time).DisposeAsync();
        await new ScpiSession(borrowed, shouldDispose: false, ScpiReaderLimits.Default, _time).DisposeAsync();

        Assert.True(owned.IsDisposed);
        Assert.False(borrowed.IsDisposed);
    }
}
