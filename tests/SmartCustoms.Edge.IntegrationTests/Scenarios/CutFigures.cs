namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>Triggered cuts taken and intercepting their item, by what they aimed at. Not thread-safe.</summary>
public sealed class CutFigures
{
    public int NirTaken { get; private set; }

    public int NirIntercepted { get; private set; }

    public int CameraTaken { get; private set; }

    public int CameraIntercepted { get; private set; }

    public int Taken => NirTaken + CameraTaken;

    public int Intercepted => NirIntercepted + CameraIntercepted;

    public void Count(bool byCamera, bool intercepted)
    {
        if (byCamera)
        {
            CameraTaken++;
            CameraIntercepted += intercepted ? 1 : 0;
        }
        else
        {
            NirTaken++;
            NirIntercepted += intercepted ? 1 : 0;
        }
    }
}
