using SmartCustoms.Edge.Hosting;

// Before the host starts its threads: bound glibc's arenas and mmap frame-sized blocks (see NativeHeapTuning).
NativeHeapTuning.Apply();
return await GatewayProgram.RunAsync(args);
