using Microsoft.Extensions.Logging;

namespace MRSNode.Dicom.Network.Scp;

/// <summary>The SCP's log lines (EventIds 2000–2099). Only UIDs, AE titles and addresses: never a patient attribute.</summary>
internal static partial class DicomServerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "association from {Remote} (calling AE {CallingAe}) failed after {Stored} object(s): {Reason}; answered {Answer}")]
    public static partial void AssociationFailed(ILogger logger, string remote, string callingAe, int stored, string reason, string answer);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "C-STORE of {SopInstanceUid} ({SopClassUid}) from {CallingAe} at {Remote} answered {Status}: {Reason}")]
    public static partial void ObjectRefused(ILogger logger, string sopInstanceUid, string sopClassUid, string callingAe, string remote, string status, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "C-STORE of {SopInstanceUid} ({SopClassUid}) from {CallingAe} at {Remote}: {Note}")]
    public static partial void ObjectTolerated(ILogger logger, string sopInstanceUid, string sopClassUid, string callingAe, string remote, string note);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "association from {Remote} ended by an internal error")]
    public static partial void AssociationCrashed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "accepting connections fails ({Error}); retrying with backoff up to {MaxBackoffMs} ms")]
    public static partial void AcceptFailing(ILogger logger, string error, int maxBackoffMs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "accepting connections again after {Failures} failed attempt(s) over {Seconds:0.#} s")]
    public static partial void AcceptRecovered(ILogger logger, long failures, double seconds);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "{Count} connection(s) closed before an A-ASSOCIATE-RQ since the last such line: idle past ARTIM ({ArtimSeconds} s), or to keep within {Limit} unassociated connections ({PerPeer} per address); latest from {Remote}")]
    public static partial void IdleConnectionsClosed(ILogger logger, long count, double artimSeconds, int limit, int perPeer, string remote);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "an AssociationEnded or ObjectIssue subscriber failed")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "{Count} connection(s) from addresses not allowed closed at accept since the last such line; latest from {Remote}")]
    public static partial void StrangersClosed(ILogger logger, long count, string remote);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "unassociated connection limit lowered from {Configured} to {Effective}: the file-descriptor limit leaves room for {Budget} connections, {MaxAssociations} of them for associations (raise LimitNOFILE / ulimit -n)")]
    public static partial void PoolClampedToDescriptors(ILogger logger, int configured, int effective, int budget, int maxAssociations);

    /// <summary>The negotiation dump (debug level): what was proposed, what was accepted or why not.</summary>
    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "association negotiation with {Remote}: {Dump}")]
    public static partial void Negotiated(ILogger logger, System.Net.EndPoint? remote, Association.NegotiationDump.Negotiation dump);
}
