using BenchmarkDotNet.Attributes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCustoms.Perf.Processes;

namespace SmartCustoms.Perf.Components;

/// <summary>One QoS 1 publish of a 600-byte envelope-sized payload to a real mosquitto on loopback, awaited until PUBACK.</summary>
public class MqttPublishBenchmarks
{
    private MosquittoBroker? _broker;
    private IMqttClient? _client;
    private MqttApplicationMessage? _message;

    [GlobalSetup]
    public void Setup()
    {
        _broker = MosquittoBroker.StartAsync("/usr/sbin/mosquitto").GetAwaiter().GetResult();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build()).GetAwaiter().GetResult();
        _message = new MqttApplicationMessageBuilder().WithTopic("sc/v1/perf/lane1/event/bench").WithPayload(new byte[600])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    [Benchmark]
    public async Task<bool> PublishQos1() => (await _client!.PublishAsync(_message!)).IsSuccess;

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _broker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
