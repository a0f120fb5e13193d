namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>One stored evidence file.</summary>
/// <param name="Name">File name inside the record (<c>frame.jpg</c>, <c>spectra.csv</c>).</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content, as written.</param>
public sealed record EvidenceFile(string Name, string ContentType, long Bytes, string Sha256);
