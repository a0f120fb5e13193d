using System.Runtime.InteropServices;

namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// Keeps glibc malloc from hoarding camera-frame buffers. OpenCV (JPEG decode for the visual model and the video
/// overlay, the simulated camera's rendering and encoding) and ONNX Runtime allocate natively on whichever thread-pool
/// thread runs them. glibc gives each contending thread its own arena (up to 8 per core, 64 MB heaps each) and,
/// after the first large block is freed, raises its mmap threshold so that later frame-sized blocks (0.7-2.7 MB)
/// are carved from those arenas too, where freed space stays resident. Measured 2026-11-27, simulate mode with a
/// live viewer: 16 arenas holding 140 MB after 5.5 min (more than the whole managed heap's 87 MB) and still
/// growing; with the two settings below the arenas held ~27 MB and the mmapped blocks (ONNX Runtime's arena, frames
/// in flight) ~46 MB, RSS at 2-2.5 min 324-332 MB instead of 392-393 MB, at no measurable CPU cost. Linux/glibc only (elsewhere, or on musl without
/// <c>mallopt</c>, nothing happens); an operator's own <c>MALLOC_ARENA_MAX</c> / <c>MALLOC_MMAP_THRESHOLD_</c> wins.
/// Call once, first thing in Main, before the host starts its threads. Not thread-safe (single call at start).
/// </summary>
internal static partial class NativeHeapTuning
{
    /// <summary>Arenas allowed: the main one and one shared by every other thread (what <c>MALLOC_ARENA_MAX=2</c> gives).</summary>
    public const int MaxArenas = 2;

    /// <summary>
    /// Blocks from this size up are mmapped and unmapped on free, straight back to the OS. A fixed value also stops
    /// glibc's dynamic threshold from moving frame buffers into the arenas. 256 KB: below a half-size decoded frame
    /// (640×360×3), above everything small and frequent.
    /// </summary>
    public const int MmapThresholdBytes = 256 * 1024;

    // glibc malloc.h parameter numbers.
    private const int MArenaMax = -8;
    private const int MMmapThreshold = -3;

    /// <summary>Applies both settings (each unless its environment variable is set); returns how many were applied.</summary>
    public static int Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return Set("MALLOC_ARENA_MAX", MArenaMax, MaxArenas) + Set("MALLOC_MMAP_THRESHOLD_", MMmapThreshold, MmapThresholdBytes);
    }

    private static int Set(string environmentVariable, int parameter, int value)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is not null)
        {
            return 0;
        }

        try
        {
            // mallopt returns 1 on success, 0 on error.
            return NativeMethods.Mallopt(parameter, value) == 1 ? 1 : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "mallopt")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Mallopt(int param, int value);
    }
}
