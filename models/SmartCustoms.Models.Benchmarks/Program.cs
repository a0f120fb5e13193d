using SmartCustoms.Models.Benchmarks;

// Load generator for the spectral classifier: prints a table and writes the JSON the model card reads.
// Usage: dotnet run -c Release --project models/SmartCustoms.Models.Benchmarks -- [--model FILE] [--out FILE] [--threads N] [--seconds S]
return ThroughputBenchmark.Run(args, Console.Out, Console.Error);
