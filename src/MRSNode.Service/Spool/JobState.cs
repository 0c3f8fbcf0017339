namespace MRSNode.Service.Spool;

/// <summary>A job's state is the folder it lies in: incoming/ → queued/ → running/ → done/ | failed/.</summary>
public enum JobState
{
    Incoming,
    Queued,
    Running,
    Done,
    Failed,
}
