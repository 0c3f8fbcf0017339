namespace MRSNode.Neural.Backend;

/// <summary>A backend was asked for that this build or machine does not have.</summary>
public sealed class BackendNotAvailableException(string message, Exception? inner = null) : Exception(message, inner);
