namespace SmartCustoms.Perf;

/// <summary>Where the repository and the Release builds of the gateway and scsim are (overridable by options).</summary>
internal static class PerfPaths
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                var dir = new DirectoryInfo(start);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartCustoms.Edge.sln")))
                {
                    dir = dir.Parent;
                }

                if (dir is not null)
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("SmartCustoms.Edge.sln not found above " + AppContext.BaseDirectory + "; run from the repository");
        }
    }

    /// <summary>The build configuration this tool was built in (bin/{Configuration}/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";

    public static string GatewayDll => Path.Combine(Root, "edge", "SmartCustoms.Edge", "bin", Configuration, "net10.0", "SmartCustoms.Edge.dll");

    public static string ScsimDll => Path.Combine(Root, "simulators", "SmartCustoms.Simulators.Cli", "bin", Configuration, "net10.0", "scsim.dll");

    public static string SpectralModel => Path.Combine(Root, "models", "onnx", "spectral-classifier.onnx");

    public static string VisualModel => Path.Combine(Root, "models", "onnx", "visual-detector.onnx");

    public static string MustExist(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{what} not found at {path}: build it first (perf/run-benchmark.sh builds Release)", path);

    public static string NewTempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
