namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>A parsed PBKDF2-SHA256 PIN hash. Immutable.</summary>
public readonly record struct PinHash(int Iterations, byte[] Salt, byte[] Hash);
