namespace SmartCustoms.Models.Visual;

/// <summary>A camera frame that could not be decoded or used (corrupt JPEG, empty image, wrong pixel format).</summary>
public sealed class FrameDecodeException : Exception
{
    public FrameDecodeException()
    {
    }

    public FrameDecodeException(string message)
        : base(message)
    {
    }

    public FrameDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
