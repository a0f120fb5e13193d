using SmartCustoms.Models.Benchmarks;

// Load generators for the models: print a table and write the JSON the model cards read.
// Spectral classifier: dotnet run -c Release --project models/SmartCustoms.Models.Benchmarks -- [--model FILE] [--out FILE] [--threads N] [--seconds S]
// Visual detector:     dotnet run -c Release --project models/SmartCustoms.Models.Benchmarks -- visual [--model FILE] [--out FILE] [--seconds S]
return args.Length > 0 && args[0] == "visual"
    ? VisualLatencyBenchmark.Run(args[1..], Console.Out, Console.Error)
    : ThroughputBenchmark.Run(args, Console.Out, Console.Error);
