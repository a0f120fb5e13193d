using SmartCustoms.Edge.Hosting;

return await GatewayProgram.RunAsync(args);
