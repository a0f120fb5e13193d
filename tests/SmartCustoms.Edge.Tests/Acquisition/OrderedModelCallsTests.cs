using SmartCustoms.Edge.Acquisition;

namespace SmartCustoms.Edge.Tests.Acquisition;

/// <summary>
/// NIR model calls run side by side but are handed back in the order the bursts came, so the detection grouping,
/// the summaries' sequence-gap count and the lane see the spectra in sequence.
/// </summary>
public class OrderedModelCallsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_later_call_runs_while_an_earlier_one_is_busy_but_is_handed_back_after_it()
    {
        var calls = new OrderedModelCalls<string, int>(2);
        using var firstMayFinish = new ManualResetEventSlim();
        using var secondFinished = new ManualResetEventSlim();

        calls.Start("burst 1", () => { firstMayFinish.Wait(Patience); return 1; });
        calls.Start("burst 2", () => { secondFinished.Set(); return 2; });

        Assert.True(secondFinished.Wait(Patience), "the second call did not run while the first was busy");
        Assert.False(calls.HasRoom);
        Assert.False(calls.OldestIsDone);
        var taking = calls.TakeOldestAsync();
        Assert.False(taking.IsCompleted);
        firstMayFinish.Set();
        Assert.Equal(("burst 1", 1), await taking.WaitAsync(Patience));
        Assert.Equal(("burst 2", 2), await calls.TakeOldestAsync().WaitAsync(Patience));
        Assert.Equal(0, calls.Count);
    }

    [Fact]
    public async Task Many_calls_finishing_in_any_order_come_back_in_the_order_started()
    {
        var calls = new OrderedModelCalls<int, int>(3);
        var random = new Random(5);
        var taken = new List<int>();
        for (var burst = 0; burst < 200; burst++)
        {
            if (!calls.HasRoom)
            {
                taken.Add((await calls.TakeOldestAsync().WaitAsync(Patience)).Result);
            }

            var delay = random.Next(0, 3);
            var n = burst;
            calls.Start(n, () => { Thread.Sleep(delay); return n; });
        }

        while (calls.Count > 0)
        {
            taken.Add((await calls.TakeOldestAsync().WaitAsync(Patience)).Result);
        }

        Assert.Equal(Enumerable.Range(0, 200), taken);
    }

    [Fact]
    public async Task No_more_than_the_limit_start_and_a_failed_call_throws_when_taken()
    {
        var calls = new OrderedModelCalls<string, int>(1);
        calls.Start("bad", () => throw new InvalidOperationException("model refused"));

        Assert.Throws<InvalidOperationException>(() => calls.Start("second", () => 2));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => calls.TakeOldestAsync().WaitAsync(Patience));
        Assert.Equal("model refused", ex.Message);
        Assert.True(calls.HasRoom);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedModelCalls<string, int>(0));
    }
}
