using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>
/// A Linux pseudo-terminal pair: the driver opens the slave (<see cref="DevicePath"/>) as a serial port,
/// the test answers on the master side with <see cref="FakeNirInstrument"/>.
/// </summary>
internal sealed partial class PseudoTerminalInstrument : IDisposable
{
    private readonly FileStream _master;
    private readonly SafeFileHandle _slave;
    private readonly Task _loop;

    private PseudoTerminalInstrument(int master, int slave, FakeNirInstrument instrument)
    {
        _master = new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
        _slave = new SafeFileHandle(slave, ownsHandle: true);
        DevicePath = File.ResolveLinkTarget($"/proc/self/fd/{slave}", returnFinalTarget: false)!.FullName;
        _loop = Task.Factory.StartNew(() => Serve(instrument), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string DevicePath { get; }

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static PseudoTerminalInstrument Open(FakeNirInstrument instrument)
    {
        if (openpty(out var master, out var slave, 0, 0, 0) != 0)
        {
            throw new IOException($"openpty failed, errno {Marshal.GetLastPInvokeError()}");
        }

        return new PseudoTerminalInstrument(master, slave, instrument);
    }

    public void Dispose()
    {
        // With the last slave descriptor closed, the master read returns an error and the loop ends.
        _slave.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _master.Dispose();
    }

    private void Serve(FakeNirInstrument instrument)
    {
        var line = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = _master.Read(buffer, 0, buffer.Length);
                if (n == 0)
                {
                    return;
                }

                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        line.Add(buffer[i]);
                        continue;
                    }

                    var reply = instrument.Respond(System.Text.Encoding.ASCII.GetString([.. line]).TrimEnd('\r'));
                    line.Clear();
                    if (reply is not null)
                    {
                        _master.Write(reply);
                    }
                }
            }
        }
        catch (IOException)
        {
            // EIO: the slave side was closed.
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int openpty(out int master, out int slave, nint name, nint termios, nint winsize);
}
