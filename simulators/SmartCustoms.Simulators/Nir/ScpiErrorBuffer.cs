namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// The instrument's error queue: first in, first out, 10 deep; on overflow the last entry becomes
/// −350 Queue overflow (SCPI 1999 §2.2.4). Thread-safe.
/// </summary>
public sealed class ScpiErrorBuffer
{
    public const int Capacity = 10;
    private readonly Lock _gate = new();
    private readonly List<ScpiError> _errors = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _errors.Count;
            }
        }
    }

    public void Push(ScpiError error)
    {
        lock (_gate)
        {
            if (_errors.Count < Capacity)
            {
                _errors.Add(error);
            }
            else
            {
                _errors[^1] = ScpiError.QueueOverflow;
            }
        }
    }

    /// <summary>The oldest error, removed; <see cref="ScpiError.None"/> when empty.</summary>
    public ScpiError Pop()
    {
        lock (_gate)
        {
            if (_errors.Count == 0)
            {
                return ScpiError.None;
            }

            var e = _errors[0];
            _errors.RemoveAt(0);
            return e;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _errors.Clear();
        }
    }
}
