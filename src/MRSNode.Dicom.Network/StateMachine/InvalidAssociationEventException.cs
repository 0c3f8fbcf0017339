namespace MRSNode.Dicom.Network.StateMachine;

/// <summary>
/// Thrown when an event arrives in a state whose PS3.8 Table 9-10 cell is empty.
/// The state machine is left in the state it was in.
/// </summary>
public sealed class InvalidAssociationEventException : InvalidOperationException
{
    public InvalidAssociationEventException()
    {
    }

    public InvalidAssociationEventException(string message)
        : base(message)
    {
    }

    public InvalidAssociationEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidAssociationEventException(AssociationState state, AssociationEvent evt)
        : base($"Event {evt} is not valid in state {state} (PS3.8 Table 9-10 has no action for it).")
    {
        State = state;
        Event = evt;
    }

    /// <summary>The state the machine was (and still is) in.</summary>
    public AssociationState? State { get; }

    /// <summary>The event that has no action in <see cref="State"/>.</summary>
    public AssociationEvent? Event { get; }
}
