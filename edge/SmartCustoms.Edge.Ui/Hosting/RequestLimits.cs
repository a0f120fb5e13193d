using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SmartCustoms.Edge.Ui.Hosting;

/// <summary>Panel requests are small: cap their bodies so a broken or hostile client cannot send megabytes.</summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 16 * 1024;

    public static void CapBody(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
    }
}
