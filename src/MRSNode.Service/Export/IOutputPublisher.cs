namespace MRSNode.Service.Export;

/// <summary>Where a finished job's outputs go: the <see cref="Outbox"/> on a node that sends, nowhere further on an intake or worker of a scaled-out deployment.</summary>
public interface IOutputPublisher
{
    void Publish(string jobId, IReadOnlyList<string> outputFiles);
}

/// <summary>
/// Intake and worker roles: outputs stay in the job folder's outputs/, from where the forwarder or the job consumer
/// files them in the shared store for the export role.
/// </summary>
public sealed class OutputsStayInJobFolder : IOutputPublisher
{
    public void Publish(string jobId, IReadOnlyList<string> outputFiles)
    {
    }
}
