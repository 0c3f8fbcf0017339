using System.Buffers;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;

namespace MRSNode.Dicom.Network.Association;

/// <summary>
/// Reassembles DIMSE messages from PDV fragments (PS3.8 Annex E): the command fragments into memory
/// (bounded), then the data set fragments into a sink the caller supplies — a file, not the heap.
/// Fragments of different messages must not interleave; a violation is a protocol error.
/// </summary>
internal sealed class DimseMessageAssembler
{
    /// <summary>Command sets are a few hundred bytes; anything near this is not a command.</summary>
    public const int MaxCommandLength = 64 * 1024;

    private readonly System.Buffers.ArrayBufferWriter<byte> _command = new();
    private byte _contextId;
    private DimseMessage? _message;
    private bool _expectingData;
    private bool _commandStarted;

    /// <summary>The message whose command is complete and whose data set (if any) is arriving.</summary>
    public DimseMessage? Current => _message;

    public byte ContextId => _contextId;

    public bool ExpectingData => _expectingData;

    public enum Step
    {
        /// <summary>More fragments are needed.</summary>
        Continue,
        /// <summary>A command arrived and a data set follows: the caller attaches a sink now.</summary>
        CommandReadyDataFollows,
        /// <summary>The data bytes in the PDV belong to the current message's data set.</summary>
        DataFragment,
        /// <summary>The message is complete (command only, or the last data fragment was just given).</summary>
        MessageComplete,
    }

    /// <summary>Consumes one PDV and says what happened.</summary>
    /// <exception cref="PduFormatException">Fragments out of order, interleaved, or an over-long command.</exception>
    public Step Add(Pdv pdv)
    {
        ArgumentNullException.ThrowIfNull(pdv);
        if (pdv.IsCommand)
        {
            if (_expectingData)
            {
                throw new PduFormatException("a command fragment arrived while a data set was still expected", AbortReason.UnexpectedPduParameter);
            }
            if (_commandStarted && pdv.PresentationContextId != _contextId)
            {
                throw new PduFormatException("command fragments of different presentation contexts interleave", AbortReason.UnexpectedPduParameter);
            }
            _contextId = pdv.PresentationContextId;
            if (_command.WrittenCount + pdv.Data.Length > MaxCommandLength)
            {
                throw new PduFormatException($"command set longer than {MaxCommandLength} bytes", AbortReason.InvalidPduParameterValue);
            }
            _command.Write(pdv.Data.Span);
            if (!pdv.IsLastFragment)
            {
                _commandStarted = true;
                return Step.Continue;
            }
            var bytes = _command.WrittenSpan.ToArray();
            _command.Clear();
            _commandStarted = false;
            _message = DimseCommandCodec.Decode(bytes);
            _expectingData = _message.HasDataSet;
            return _expectingData ? Step.CommandReadyDataFollows : Step.MessageComplete;
        }
        if (!_expectingData)
        {
            throw new PduFormatException("a data set fragment arrived without its command", AbortReason.UnexpectedPduParameter);
        }
        if (pdv.PresentationContextId != _contextId)
        {
            throw new PduFormatException("data set fragment on a different presentation context than its command", AbortReason.UnexpectedPduParameter);
        }
        if (pdv.IsLastFragment)
        {
            _expectingData = false;
            return Step.MessageComplete;
        }
        return Step.DataFragment;
    }

    /// <summary>Forgets the completed message and any partly received command.</summary>
    public void Reset()
    {
        _message = null;
        _expectingData = false;
        _command.Clear();
        _commandStarted = false;
    }
}
