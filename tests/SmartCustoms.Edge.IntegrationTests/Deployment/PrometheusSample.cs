namespace SmartCustoms.Edge.IntegrationTests.Deployment;

/// <summary>One line of a Prometheus text exposition: series name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";
}
