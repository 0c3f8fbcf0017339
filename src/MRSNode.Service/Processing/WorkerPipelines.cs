using MRSNode.Neural.Backend;
using MRSNode.Pipeline.Composition;
using MRSNode.Service.Configuration;

namespace MRSNode.Service.Processing;

/// <summary>
/// One composed pipeline per worker (the neural models and a GPU backend are not shared between concurrent jobs),
/// composed when the node is built, so a device the machine cannot use or an unreadable config/ stops the node before
/// anything starts. The device is decided once: auto is resolved by the first pipeline and the others take its answer.
/// Disposes the pipelines' backends.
/// </summary>
public sealed class WorkerPipelines : IDisposable
{
    private readonly List<ComposedPipeline> _pipelines;

    private WorkerPipelines(List<ComposedPipeline> pipelines) => _pipelines = pipelines;

    public int Count => _pipelines.Count;

    public ComposedPipeline this[int worker] => _pipelines[worker];

    /// <summary>Processing:Workers, or half the processor count (at least 1) for 0.</summary>
    public static int WorkerCount(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Processing.Workers > 0 ? options.Processing.Workers : Math.Max(1, Environment.ProcessorCount / 2);
    }

    /// <summary>Throws <see cref="NodeConfigurationException"/> (one line, naming the setting) when the pipeline cannot be composed.</summary>
    public static WorkerPipelines Compose(NodeOptions options, IComputeBackendFactory backends)
    {
        var composer = new PipelineComposer(backends);
        var settings = NodePipelineSettings.From(options);
        var pipelines = new List<ComposedPipeline>();
        try
        {
            pipelines.Add(composer.Compose(settings));
            if (pipelines[0].Device is { } resolved)
            {
                settings = settings with { Device = resolved };
            }
            while (pipelines.Count < WorkerCount(options))
            {
                pipelines.Add(composer.Compose(settings));
            }
            return new WorkerPipelines(pipelines);
        }
        catch (BackendNotAvailableException ex)
        {
            Dispose(pipelines);
            throw new NodeConfigurationException($"Processing:Device '{options.Processing.Device}': {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Dispose(pipelines);
            throw new NodeConfigurationException($"Processing:ConfigDirectory '{settings.ConfigDirectory}': {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch
        {
            Dispose(pipelines);
            throw;
        }
    }

    public void Dispose() => Dispose(_pipelines);

    private static void Dispose(List<ComposedPipeline> pipelines)
    {
        foreach (var pipeline in pipelines)
        {
            pipeline.Dispose();
        }
    }
}
