namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>The model behind a result: id, version and the SHA-256 of its file.</summary>
public sealed record EvidenceModel(string Id, string Version, string Sha256);
