namespace MRSNode.Messaging;

/// <summary>
/// One unit of work between roles. It names the work and where its payload lies in the shared store, never the
/// payload itself: no patient data reaches the broker or its logs.
/// </summary>
/// <param name="Id">The job id (the same id the job spool uses); the idempotency key for every consumer.</param>
/// <param name="StorePath">Where the payload lies, relative to the shared store's root (a folder, '/'-separated).</param>
/// <param name="Sha256">Lower-case hex SHA-256 over the payload's manifest (what the consumer checks before it trusts the folder).</param>
/// <param name="CreatedUtc">When the producer made the message.</param>
public sealed record WorkMessage(string Id, string StorePath, string Sha256, DateTimeOffset CreatedUtc);
