namespace MRSNode.Messaging;

/// <summary>The queues between the roles (all quorum queues, dead-lettered to <see cref="DeadLetter"/>).</summary>
public static class WorkQueues
{
    /// <summary>Intake → workers: a study assembled into a job, its inputs in the shared store.</summary>
    public const string Jobs = "mrsnode.jobs";

    /// <summary>Workers → export: a job's outputs in the shared store, to be delivered to the destinations.</summary>
    public const string Exports = "mrsnode.exports";

    /// <summary>Where a message goes after it was rejected without requeue or delivered too often (poison).</summary>
    public const string DeadLetter = "mrsnode.dead-letter";
}
