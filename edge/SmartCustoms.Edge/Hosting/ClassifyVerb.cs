namespace SmartCustoms.Edge.Hosting;

/// <summary><c>SmartCustoms.Edge classify --spectrum FILE [--json]</c>: offline classification of spectrum files.</summary>
internal static class ClassifyVerb
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        _ = args;
        _ = output;
        error.WriteLine("error: classify is not available in this build");
        return Task.FromResult(1);
    }
}
