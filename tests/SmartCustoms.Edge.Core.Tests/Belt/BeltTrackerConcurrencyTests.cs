using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Belt;

public sealed class BeltTrackerConcurrencyTests
{
    [Fact]
    public async Task Queries_from_other_threads_see_a_consistent_growing_belt_while_samples_arrive()
    {
        var clock = new LaneClock();
        var belt = new BeltTracker(new LaneGeometryOptions { HistoryCapacity = 256 }, clock.Time);
        using var done = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                Assert.True(belt.RecordSpeed(5, clock.At(i * 0.01)));
            }

            done.Cancel();
        });

        async Task Reader()
        {
            await Task.Yield();
            var last = 0.0;
            while (!done.IsCancellationRequested)
            {
                var state = belt.GetState();
                Assert.True(state.PositionMetres >= last, "belt position went backwards");
                last = state.PositionMetres;
                if (belt.TryGetPositionAt(state.LastSampleTimestamp, out var p))
                {
                    Assert.True(p >= state.PositionMetres - 1e-9);
                }
            }
        }

        await Task.WhenAll(writer, Reader(), Reader()).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5 * 199.99, belt.GetState().PositionMetres, 6);
    }
}
