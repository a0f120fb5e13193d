using System.Reflection;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Gives clients that connect with an empty client id one of their own, as MQTT allows. MQTTnet 5.2 assigns
/// ids only for MQTT 5 clients and refuses MQTT 3.1.1 clients with a clean session, which the 3.1.1
/// specification says a server may accept (§3.1.3-6). The MQTT 3.1.1 case is handled by writing the id into
/// the CONNECT packet that the event arguments wrap; <c>EmbeddedBrokerTests</c> guards this against a
/// change of MQTTnet's internals. Thread-safe (stateless).
/// </summary>
internal static class EmptyClientIdAssigner
{
    private static readonly FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", BindingFlags.Instance | BindingFlags.NonPublic);

    public static void Assign(ValidatingConnectionEventArgs e)
    {
        var id = "auto-" + Guid.NewGuid().ToString("N");
        if (e.ProtocolVersion == MqttProtocolVersion.V500)
        {
            e.AssignedClientIdentifier = id;
            return;
        }

        // MQTT 3.1.1 §3.1.3-8: an empty id with CleanSession = 0 must be refused; MQTTnet refuses it for us.
        if (e.CleanSession == true && ConnectPacketField?.GetValue(e) is MqttConnectPacket packet)
        {
            packet.ClientId = id;
        }
    }
}
