using MRSNode.Neural.Backend;
using MRSNode.Service.Configuration;
using MRSNode.Service.Processing;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Processing;

[UnitTest]
public sealed class WorkerPipelinesTests
{
    private static NodeOptions Options(int workers, string method = "both", string device = "cpu", string configDirectory = "") =>
        new() { Processing = new ProcessingSection { Workers = workers, Method = method, Device = device, ConfigDirectory = configDirectory } };

    [Fact]
    public void Compose_ThreeWorkersOnAuto_OnePipelineEachAutoAskedOnceAndAllDisposed()
    {
        var backends = new RecordingBackendFactory { AutoResolvesTo = "cpu" };

        var pipelines = WorkerPipelines.Compose(Options(3, device: "auto"), backends);
        var distinct = Enumerable.Range(0, pipelines.Count).Select(i => pipelines[i]).Distinct().Count();
        pipelines.Dispose();

        Assert.Equal((3, 3), (pipelines.Count, distinct));
        Assert.Equal([(ComputeDevice.Auto, 1), (ComputeDevice.Cpu, 1), (ComputeDevice.Cpu, 1)], backends.Requests);
        Assert.Equal([1, 1, 1], backends.Created.Select(b => b.Disposals));
    }

    [Fact]
    public void Compose_SecondBackendRefused_DisposesTheFirstAndNamesTheSetting()
    {
        var backends = new RecordingBackendFactory { RefuseAfter = 1 };

        var ex = Assert.Throws<NodeConfigurationException>(() => WorkerPipelines.Compose(Options(2), backends));

        Assert.Equal("invalid configuration (1 problem): Processing:Device 'cpu': refused after 1 backend(s)", ex.Message);
        Assert.Equal([1], backends.Created.Select(b => b.Disposals));
    }

    [Fact]
    public void Compose_UnreadableReferenceRanges_NamesTheConfigDirectoryOnOneLine()
    {
        var config = TestData.NewTempFolder();
        File.WriteAllText(Path.Combine(config, "reference-ranges.json"), "{ not json");

        var ex = Assert.Throws<NodeConfigurationException>(() => WorkerPipelines.Compose(Options(1, method: "lcm", configDirectory: config), new RecordingBackendFactory()));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith($"Processing:ConfigDirectory '{config}': reference ranges {Path.Combine(config, "reference-ranges.json")} cannot be used: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void WorkerCount_Zero_HalfTheProcessorsAtLeastOne() =>
        Assert.Equal((Math.Max(1, Environment.ProcessorCount / 2), 5), (WorkerPipelines.WorkerCount(Options(0)), WorkerPipelines.WorkerCount(Options(5))));
}
