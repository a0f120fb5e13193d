using SmartCustoms.Simulators.World;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>The scenario runs share the machine's two cores with nothing else of theirs: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LaneScenarioGroup
{
    public const string Name = "lane scenarios";

    /// <summary>
    /// The first seed whose first radioactive source passes the radiation monitor between <paramref name="fromS"/> and
    /// <paramref name="toS"/> seconds of lane time, from the world model (a pure function of scenario and seed).
    /// </summary>
    public static (int Seed, double PassesAtS) SeedWithSourceBetween(double fromS, double toS)
    {
        for (var seed = 1; seed < 500; seed++)
        {
            var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Radioactive), seed);
            var first = world.SourcesBetween(0, world.BeltTravelAt(toS + 10))
                .Select(s => world.TimeAtDevice(s.BeltCoordinateM, world.Devices.RadiationM))
                .Where(t => t is not null)
                .Select(t => t!.Value)
                .DefaultIfEmpty(double.PositiveInfinity)
                .Min();
            if (first >= fromS && first <= toS)
            {
                return (seed, first);
            }
        }

        throw new InvalidOperationException($"no seed below 500 has a radioactive source passing between {fromS} and {toS} s");
    }
}
