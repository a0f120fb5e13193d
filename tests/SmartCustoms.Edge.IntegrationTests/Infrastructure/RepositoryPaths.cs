namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>Finds the repository and the gateway's build output, for tests that run the gateway as a process.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartCustoms.Edge.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SmartCustoms.Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The gateway built in the same configuration as this test assembly.</summary>
    public static string GatewayDll
    {
        get
        {
            // .../tests/X/bin/{Configuration}/net10.0/ → the same configuration for the gateway.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(Root, "edge", "SmartCustoms.Edge", "bin", configuration, "net10.0", "SmartCustoms.Edge.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Gateway not built (build the solution first)", path);
        }
    }
}
