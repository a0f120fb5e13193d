namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>One real gateway in <c>--simulate --scenario contaminated</c> shared by the tests of a class.</summary>
public sealed class ContaminatedGatewayFixture : IAsyncLifetime
{
    private SimulatedGateway? _gateway;

    internal SimulatedGateway Gateway => _gateway ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _gateway = await SimulatedGateway.StartAsync("contaminated");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
