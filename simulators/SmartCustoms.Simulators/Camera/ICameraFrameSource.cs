using OpenCvSharp;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// Draws the picture the camera sees at a lane time into a BGR frame of the camera's size: the rendered
/// belt (<see cref="BeltSceneRenderer"/>) or a recorded video (<see cref="VideoFileFrameSource"/>).
/// Called from one producer loop at a time; implementations need not be thread-safe.
/// </summary>
public interface ICameraFrameSource : IDisposable
{
    /// <summary>Fills <paramref name="frame"/>; false when the source has nothing more (end of a file that does not loop).</summary>
    bool Render(double laneTimeS, Mat frame);
}
