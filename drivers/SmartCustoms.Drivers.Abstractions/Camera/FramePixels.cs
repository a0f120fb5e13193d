namespace SmartCustoms.Drivers.Abstractions.Camera;

/// <summary>
/// A decoded image as 8-bit BGR triplets (OpenCV's channel order), row after row.
/// The memory belongs to the <see cref="CameraFrame"/> that carries it and is valid until that frame is disposed.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Stride">Bytes from the start of one row to the next (at least <c>Width × 3</c>).</param>
/// <param name="Bgr24">The pixel bytes, <c>Stride × Height</c> long.</param>
public sealed record FramePixels(int Width, int Height, int Stride, ReadOnlyMemory<byte> Bgr24);
