namespace SmartCustoms.Edge.Observability;

/// <summary>
/// What the store's folder takes on disk and how much the file system has left, measured at most once a
/// second (a scrape reads three gauges; each would otherwise walk the folder). Thread-safe.
/// </summary>
internal sealed class StoreDiskUsage(string path, long budgetBytes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private Reading _last = new(0, 0);
    private long _measuredAt;
    private bool _measured;

    public long BudgetBytes => budgetBytes;

    public Reading Read()
    {
        lock (_lock)
        {
            if (!_measured || time.GetElapsedTime(_measuredAt) >= MaxAge)
            {
                _last = Measure();
                _measuredAt = time.GetTimestamp();
                _measured = true;
            }

            return _last;
        }
    }

    private Reading Measure()
    {
        var folder = new DirectoryInfo(Path.GetFullPath(path));
        if (!folder.Exists)
        {
            return new Reading(0, 0);
        }

        long used = 0;
        foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            try
            {
                used += file.Length;
            }
            catch (IOException)
            {
                // A file removed by retention between listing and reading: it no longer takes space.
            }
        }

        long free;
        try
        {
            free = new DriveInfo(folder.FullName).AvailableFreeSpace;
        }
        catch (IOException)
        {
            free = 0;
        }

        return new Reading(used, free);
    }

    internal readonly record struct Reading(long UsedBytes, long FreeBytes);
}
