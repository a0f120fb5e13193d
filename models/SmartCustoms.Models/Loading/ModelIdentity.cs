namespace SmartCustoms.Models.Loading;

/// <summary>Which model produced a result: recorded with every classification for the audit trail.</summary>
/// <param name="Id">The model's id from its metadata (e.g. <c>sc-spectral-cnn</c>).</param>
/// <param name="Version">The model's version from its metadata.</param>
/// <param name="Sha256">SHA-256 of the model file, lower-case hex: proves which bytes ran.</param>
/// <param name="FilePath">Absolute path the model was loaded from.</param>
public sealed record ModelIdentity(string Id, string Version, string Sha256, string FilePath);
