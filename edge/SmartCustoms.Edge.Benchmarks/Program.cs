using SmartCustoms.Edge.Benchmarks;

return await StoreAndPublishBenchmark.RunAsync(args, Console.Out);
