namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>The repository root and the gateway's build output (the same configuration as this test assembly).</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmartCustoms.Edge.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("SmartCustoms.Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }

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
