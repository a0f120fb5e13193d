namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>An evidence file read back, checked against the SHA-256 stored when it was written.</summary>
/// <param name="File">The indexed file.</param>
/// <param name="Content">The bytes as read from disk.</param>
/// <param name="Intact">False when the bytes no longer match <see cref="EvidenceFile.Sha256"/> (changed or damaged).</param>
public sealed record EvidenceFileContent(EvidenceFile File, byte[] Content, bool Intact);
