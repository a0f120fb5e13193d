using System.Threading.Channels;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// The bounded hand-over between spectral acquisition and inference. Spectra are never dropped here: when
/// inference falls behind, acquisition waits, the instrument's own buffer absorbs the burst, and anything the
/// instrument loses shows up as a sequence gap in the spectral summary.
/// </summary>
internal sealed class SpectralPipelineChannel
{
    public SpectralPipelineChannel(Microsoft.Extensions.Options.IOptions<NirAcquisitionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Channel = System.Threading.Channels.Channel.CreateBounded<ReflectanceBatch>(new BoundedChannelOptions(options.Value.ChannelCapacityBatches)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public Channel<ReflectanceBatch> Channel { get; }
}
