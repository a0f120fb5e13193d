namespace SmartCustoms.Perf.Soak;

/// <summary>
/// The soak's disturbances, from a seed: one fault per network device early on (so a short soak still faults
/// every device), then broker restarts (one per 2 min, at least 1) and gateway SIGKILLs (one per minute, at
/// least 2) at random moments at least 8 s apart, all before 85 % of the run so the end can settle. Pure.
/// </summary>
internal static class SoakPlan
{
    public static readonly string[] Devices = ["nir", "camera", "sampler", "scale", "radiation"];

    public static List<SoakAction> Create(TimeSpan duration, int seed)
    {
        var random = new Random(seed);
        var actions = new List<SoakAction>();
        for (var i = 0; i < Devices.Length; i++)
        {
            var at = duration * (0.05 + (0.1 * i));
            actions.Add(new SoakAction(at, SoakActionKind.DeviceFault, Devices[i], TimeSpan.FromSeconds(4)));
        }

        var restarts = Math.Max(1, (int)(duration.TotalMinutes / 2));
        var kills = Math.Max(2, (int)duration.TotalMinutes);
        var moments = new List<TimeSpan>();
        while (moments.Count < restarts + kills)
        {
            var at = duration * (0.1 + (0.75 * random.NextDouble()));
            if (moments.All(m => (m - at).Duration() >= TimeSpan.FromSeconds(8)))
            {
                moments.Add(at);
            }
        }

        // Which moments are broker restarts is random too.
        var shuffled = moments.OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < shuffled.Count; i++)
        {
            actions.Add(i < restarts
                ? new SoakAction(shuffled[i], SoakActionKind.BrokerRestart, "mosquitto", TimeSpan.FromSeconds(1 + (random.NextDouble() * 7)))
                : new SoakAction(shuffled[i], SoakActionKind.GatewayKill, "gateway", TimeSpan.FromSeconds(0.5 + (random.NextDouble() * 2.5))));
        }

        return [.. actions.OrderBy(a => a.At)];
    }
}
