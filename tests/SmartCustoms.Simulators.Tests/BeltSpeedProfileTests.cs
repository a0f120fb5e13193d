using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

public class BeltSpeedProfileTests
{
    [Fact]
    public void Travel_integrates_the_ramp_and_the_running_speed()
    {
        var profile = BeltSpeedProfile.FromOptions(new BeltOptions { NominalSpeedMps = 5, RampSeconds = 4 });
        Assert.Equal(0, profile.TravelAt(0), 9);
        Assert.Equal(10, profile.TravelAt(4), 9);         // ramp: ½·5·4
        Assert.Equal(60, profile.TravelAt(14), 9);        // + 10 s at 5 m/s
        Assert.Equal(2.5, profile.SpeedAt(2), 9);
    }

    [Fact]
    public void A_scheduled_stop_halts_the_belt_and_it_restarts()
    {
        var profile = BeltSpeedProfile.FromOptions(new BeltOptions { NominalSpeedMps = 5, RampSeconds = 2, Stops = [new BeltStop(10, 20)] });
        Assert.Equal(0, profile.SpeedAt(20), 9);
        Assert.Equal(profile.TravelAt(13), profile.TravelAt(31), 9);
        Assert.Equal(5, profile.SpeedAt(40), 9);
    }

    [Fact]
    public void TimeAtTravel_inverts_TravelAt()
    {
        var profile = BeltSpeedProfile.FromOptions(new BeltOptions { NominalSpeedMps = 4.5, RampSeconds = 3, Stops = [new BeltStop(30, 5)] });
        foreach (double t in new[] { 1.0, 3.5, 29.0, 50.0, 500.0 })
        {
            Assert.Equal(t, profile.TimeAtTravel(profile.TravelAt(t))!.Value, 4);
        }
    }
}
