using SmartCustoms.Drivers.LaneIo.Inputs;

namespace SmartCustoms.Drivers.LaneIo.Tests.Inputs;

public class DebouncedInputTests
{
    // Timestamps in ms for readability: a debounce of 20 ticks is 20 ms here.
    [Fact]
    public void Bouncing_edges_within_the_window_give_one_change_stamped_at_the_first_sample_of_the_final_level()
    {
        var input = new DebouncedInput(20, activateImmediately: false, initial: false);
        var changes = 0;
        long[] times = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60];
        bool[] level = [false, true, false, true, true, false, true, true, true, true, true, true, true];
        for (var i = 0; i < times.Length; i++)
        {
            if (input.Sample(level[i], times[i]))
            {
                changes++;
            }
        }

        Assert.Equal(1, changes);
        Assert.True(input.Stable);
        Assert.Equal(30, input.StableSince);
    }

    [Fact]
    public void A_pulse_shorter_than_the_debounce_is_ignored()
    {
        var input = new DebouncedInput(20, activateImmediately: false, initial: false);
        Assert.False(input.Sample(true, 0));
        Assert.False(input.Sample(true, 15));
        Assert.False(input.Sample(false, 19));
        Assert.False(input.Sample(false, 100));
        Assert.False(input.Stable);
    }

    [Fact]
    public void A_fail_safe_input_activates_at_once_and_only_its_release_is_debounced()
    {
        var input = new DebouncedInput(20, activateImmediately: true, initial: false);
        Assert.True(input.Sample(true, 0));
        Assert.False(input.Sample(false, 5));
        Assert.False(input.Sample(true, 10));
        Assert.False(input.Sample(false, 15));
        Assert.False(input.Sample(false, 30));
        Assert.True(input.Stable);
        Assert.True(input.Sample(false, 35));
        Assert.False(input.Stable);
    }
}
