using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using MRSNode.Dicom.Imaging;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Association;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Pdus;
using MRSNode.Dicom.Network.StateMachine;
using MRSNode.Dicom.Network.Tls;

namespace MRSNode.Dicom.Network.Scu;

/// <summary>The association was rejected by the peer (A-ASSOCIATE-RJ) or could not be established.</summary>
public sealed class DicomAssociationException : Exception
{
    public DicomAssociationException(string message, AssociateReject? reject = null) : base(message) => Reject = reject;
    public DicomAssociationException() : this("association failed") { }
    public DicomAssociationException(string message, Exception inner) : base(message, inner) { }

    public AssociateReject? Reject { get; }
}

/// <summary>
/// An association as SCU: connect and negotiate, then C-ECHO and C-STORE, then release.
/// A file whose transfer syntax the peer did not accept is converted to an accepted uncompressed one.
/// </summary>
public sealed class DicomClient : IAsyncDisposable
{
    private readonly AssociationEngine _engine;
    private readonly DicomClientOptions _options;
    private readonly DimseMessageAssembler _assembler = new();
    private readonly List<PresentationContextResponse> _accepted;
    private readonly Dictionary<byte, string> _abstractSyntaxes;
    private ushort _messageId;

    private DicomClient(AssociationEngine engine, DicomClientOptions options, AssociateRequest request, AssociateAccept accept)
    {
        _engine = engine;
        _options = options;
        Accept = accept;
        _abstractSyntaxes = request.PresentationContexts.ToDictionary(p => p.Id, p => p.AbstractSyntax);
        _accepted = accept.PresentationContexts.Where(p => p.Result == PresentationContextResult.Acceptance && _abstractSyntaxes.ContainsKey(p.Id)).ToList();
    }

    public AssociateAccept Accept { get; }

    /// <summary>Whether the association is still established (not aborted, released or cut), so another object can go on it.</summary>
    public bool IsEstablished => !_engine.IsClosed && _engine.State == AssociationState.Sta6;

    /// <summary>
    /// The standard proposal for sending these SOP classes. An uncompressed object: one context with its own syntax,
    /// then explicit and implicit LE. A compressed object: a context with its own syntax alone, so a peer that takes
    /// both cannot pick the uncompressed one instead (Orthanc does), and, only when the codec exists here (RLE), a
    /// second context with explicit and implicit LE to send it decoded to a peer that refuses the compressed one.
    /// </summary>
    public static IReadOnlyList<PresentationContextRequest> ProposeStorage(IEnumerable<(string SopClass, string TransferSyntax)> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var contexts = new List<PresentationContextRequest>();
        var seen = new HashSet<(string, string)>();
        void Add(string sopClass, string[] syntaxes)
        {
            if (!seen.Add((sopClass, string.Join('\\', syntaxes))))
            {
                return;
            }
            if (contexts.Count == 128)
            {
                throw new ArgumentException("More than 128 presentation contexts in one association.", nameof(objects));
            }
            contexts.Add(new PresentationContextRequest((byte)(2 * contexts.Count + 1), sopClass, syntaxes));
        }
        string[] uncompressed = [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian];
        foreach (var (sopClass, ts) in objects.Distinct())
        {
            var syntax = DicomTransferSyntax.Lookup(ts);
            if (syntax.IsUncompressed)
            {
                Add(sopClass, [ts, .. uncompressed.Where(u => u != ts)]);
                continue;
            }
            Add(sopClass, [ts]);
            if (CanDecompress(syntax))
            {
                Add(sopClass, uncompressed);
            }
        }
        return contexts;
    }

    public static IReadOnlyList<PresentationContextRequest> ProposeVerification() =>
        [new PresentationContextRequest(1, DicomUids.Verification, [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian])];

    /// <exception cref="DicomAssociationException">Rejected, aborted or the connection failed.</exception>
    public static async Task<DicomClient> ConnectAsync(string host, int port, DicomClientOptions options, IReadOnlyList<PresentationContextRequest> contexts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contexts);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(options.ConnectTimeout);
                await socket.ConnectAsync(host, port, connect.Token).ConfigureAwait(false);
            }
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                var check = new TlsPeerCheck(tls, TlsPeerRole.Server);
                var ssl = new SslStream(stream, false, check.Validate);
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                handshake.CancelAfter(options.TlsHandshakeTimeout);
                try
                {
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = tls.ServerName ?? host,
                        ClientCertificateContext = tls.CertificateContext(),
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    }, handshake.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await ssl.DisposeAsync().ConfigureAwait(false);
                    throw new DicomAssociationException(FormattableString.Invariant(
                        $"cannot connect to {host}:{port}: TLS handshake not completed within {options.TlsHandshakeTimeout.TotalSeconds:0.#} s (the peer accepted the connection but never answered)"));
                }
                catch (AuthenticationException ex) when (check.FailureReason is { } refusal)
                {
                    await ssl.DisposeAsync().ConfigureAwait(false);
                    throw new DicomAssociationException($"cannot connect to {host}:{port}: TLS refused: {refusal}", ex);
                }
                stream = ssl;
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            socket.Dispose();
            throw new DicomAssociationException($"cannot connect to {host}:{port}: {ex.Message}", ex);
        }

        var engine = new AssociationEngine(stream, isRequestor: true, options.MaxPduLength, options.ArtimTimeout);
        var request = new AssociateRequest(options.CalledAeTitle, options.CallingAeTitle, contexts, new UserInformation { MaxPduLength = options.MaxPduLength });
        await engine.RequestAsync(AssociationEvent.Evt1, request, ct).ConfigureAwait(false);
        await engine.RequestAsync(AssociationEvent.Evt2, request, ct).ConfigureAwait(false);
        bool open;
        do
        {
            open = await engine.ReceiveAsync(options.ResponseTimeout, ct).ConfigureAwait(false);
            while (engine.TryTakeSignal(out var signal, out var pdu))
            {
                switch (signal)
                {
                    case AssociationSignal.AssociateAccepted:
                        return new DicomClient(engine, options, request, (AssociateAccept)pdu!);
                    case AssociationSignal.AssociateRejected:
                        var rj = (AssociateReject)pdu!;
                        await engine.DisposeAsync().ConfigureAwait(false);
                        throw new DicomAssociationException($"association rejected by {options.CalledAeTitle}@{host}:{port}: {Describe(rj)}", rj);
                }
            }
        }
        while (open);
        var why = engine.AbortDescription ?? "the peer closed the connection";
        await engine.DisposeAsync().ConfigureAwait(false);
        throw new DicomAssociationException($"association with {host}:{port} failed: {why}");
    }

    public static string Describe(AssociateReject rj) =>
        $"{rj.Result.ToString().ToLowerInvariant()}, source {rj.Source}, reason {rj.Reason}" + (rj.Source, rj.Reason) switch
        {
            (RejectSource.ServiceUser, 3) => " (calling AE title not recognized)",
            (RejectSource.ServiceUser, 7) => " (called AE title not recognized)",
            (RejectSource.ServiceUser, 2) => " (application context not supported)",
            (RejectSource.ServiceProviderAcse, 2) => " (protocol version not supported)",
            (RejectSource.ServiceProviderPresentation, 1) => " (temporary congestion)",
            (RejectSource.ServiceProviderPresentation, 2) => " (local limit exceeded)",
            _ => "",
        };

    public async Task<DimseStatus> EchoAsync(CancellationToken ct = default)
    {
        var pc = _accepted.FirstOrDefault(p => _abstractSyntaxes[p.Id] == DicomUids.Verification)
            ?? throw new DicomAssociationException("the peer did not accept the Verification SOP class");
        await _engine.SendMessageAsync(pc.Id, new CEchoRequest(NextId()), null, ct).ConfigureAwait(false);
        return ((CEchoResponse)await ReceiveResponseAsync(ct).ConfigureAwait(false)).Status;
    }

    /// <summary>Whether the association has a presentation context <see cref="StoreAsync"/> can send this object on.</summary>
    public bool CanStore(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
        return _accepted.Any(p => _abstractSyntaxes[p.Id] == sopClass
            && (p.TransferSyntax == file.TransferSyntax.Uid || (CanDecompress(file.TransferSyntax) && DicomTransferSyntax.IsKnownUncompressed(p.TransferSyntax))));
    }

    /// <summary>Uncompressed syntaxes convert into each other; RLE (the node's captures) decodes losslessly for a peer that refuses it.</summary>
    private static bool CanDecompress(DicomTransferSyntax syntax) => syntax.IsUncompressed || syntax.Uid == DicomUids.RleLossless;

    /// <summary>
    /// Sends one object from disk. When a context takes the file's own syntax and its identifying UIDs need no repair,
    /// the data set is streamed from the file as stored (memory stays at the PDU buffers whatever the object's size);
    /// otherwise it is read and converted as <see cref="StoreAsync(DicomFile, CancellationToken)"/> does.
    /// </summary>
    public async Task<DimseStatus> StoreAsync(string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var header = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
        var classElement = header.Dataset.GetElement(DicomTags.SOPClassUID);
        var instanceElement = header.Dataset.GetElement(DicomTags.SOPInstanceUID);
        var sopClass = header.Dataset.GetString(DicomTags.SOPClassUID);
        var sopInstance = header.Dataset.GetString(DicomTags.SOPInstanceUID);
        bool asStored = classElement?.VR == DicomVR.UI && instanceElement?.VR == DicomVR.UI
            && sopClass is not null && sopInstance is not null && DicomValueValidator.IsUid(sopClass)
            && (header.HadPreamble || header.FileMetaInformation.Count > 0);
        var pc = asStored ? _accepted.FirstOrDefault(p => _abstractSyntaxes[p.Id] == sopClass && p.TransferSyntax == header.TransferSyntax.Uid) : null;
        if (pc is null)
        {
            return await StoreAsync(DicomFile.Open(path), ct).ConfigureAwait(false);
        }
        await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        data.Position = header.DatasetOffset;
        await _engine.SendMessageAsync(pc.Id, new CStoreRequest(NextId(), sopClass!, sopInstance!), data, ct).ConfigureAwait(false);
        return ((CStoreResponse)await ReceiveResponseAsync(ct).ConfigureAwait(false)).Status;
    }

    /// <summary>Sends one object; converts it to an accepted uncompressed syntax (decoding RLE) when its own was not accepted.</summary>
    public async Task<DimseStatus> StoreAsync(DicomFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID)
            ?? throw new DicomAssociationException("the object has no SOP Class UID, so no presentation context can carry it");
        if (!DicomValueValidator.IsUid(sopClass))
        {
            throw new DicomAssociationException($"the object's SOP Class UID is not a valid UID ({sopClass.Length} characters); it cannot be proposed");
        }
        var sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID)
            ?? throw new DicomAssociationException("the object has no SOP Instance UID");
        var candidates = _accepted.Where(p => _abstractSyntaxes[p.Id] == sopClass).ToList();
        var pc = candidates.FirstOrDefault(p => p.TransferSyntax == file.TransferSyntax.Uid)
            ?? candidates.FirstOrDefault(p => CanDecompress(file.TransferSyntax) && DicomTransferSyntax.IsKnownUncompressed(p.TransferSyntax))
            ?? throw new DicomAssociationException($"the peer accepted no presentation context for {DicomUids.NameOf(sopClass) ?? sopClass} in {file.TransferSyntax.Name} or a syntax it can be converted to");
        var dataset = file.TransferSyntax.IsEncapsulated && pc.TransferSyntax != file.TransferSyntax.Uid ? RlePixelData.Decode(file.Dataset) : file.Dataset;
        dataset = WithIdentifyingUidsAsUi(dataset, sopClass, sopInstance);
        using var data = new MemoryStream();
        DicomDatasetSerializer.Write(dataset, data, DicomTransferSyntax.Lookup(pc.TransferSyntax));
        data.Position = 0;
        await _engine.SendMessageAsync(pc.Id, new CStoreRequest(NextId(), sopClass, sopInstance), data, ct).ConfigureAwait(false);
        return ((CStoreResponse)await ReceiveResponseAsync(ct).ConfigureAwait(false)).Status;
    }

    /// <summary>
    /// The data set with its SOP Class and Instance UIDs as UI elements: a relay that lost their VR stored them as UN,
    /// and a peer checks the data set's class against the context's (storescp answers 0xC000 otherwise).
    /// </summary>
    private static DicomDataset WithIdentifyingUidsAsUi(DicomDataset dataset, string sopClass, string sopInstance)
    {
        if (dataset.GetElement(DicomTags.SOPClassUID)?.VR != DicomVR.UN && dataset.GetElement(DicomTags.SOPInstanceUID)?.VR != DicomVR.UN)
        {
            return dataset;
        }
        var copy = new DicomDataset(dataset);
        copy.AddOrUpdate(DicomTags.SOPClassUID, sopClass);
        copy.AddOrUpdate(DicomTags.SOPInstanceUID, sopInstance);
        return copy;
    }

    private ushort NextId() => ++_messageId == 0 ? ++_messageId : _messageId;

    private async Task<DimseMessage> ReceiveResponseAsync(CancellationToken ct)
    {
        bool open = true;
        while (true)
        {
            while (_engine.TryTakeSignal(out var signal, out var pdu))
            {
                if (signal == AssociationSignal.PData)
                {
                    foreach (var pdv in ((PDataTransfer)pdu!).Values)
                    {
                        if (_assembler.Add(pdv) == DimseMessageAssembler.Step.MessageComplete)
                        {
                            var message = _assembler.Current!;
                            _assembler.Reset();
                            return message;
                        }
                    }
                }
                else if (signal == AssociationSignal.Aborted)
                {
                    throw new DicomAssociationException("association aborted: " + _engine.AbortDescription);
                }
            }
            if (!open)
            {
                throw new DicomAssociationException("association ended while waiting for a response: " + (_engine.AbortDescription ?? "connection closed"));
            }
            open = await _engine.ReceiveAsync(_options.ResponseTimeout, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A-RELEASE: ask, wait for the answer (or ARTIM), close.</summary>
    public async Task ReleaseAsync(CancellationToken ct = default)
    {
        if (_engine.IsClosed || _engine.State != AssociationState.Sta6)
        {
            return;
        }
        await _engine.RequestAsync(AssociationEvent.Evt11, null, ct).ConfigureAwait(false);
        while (await _engine.ReceiveAsync(_options.ArtimTimeout, ct).ConfigureAwait(false))
        {
            while (_engine.TryTakeSignal(out var signal, out _))
            {
                if (signal == AssociationSignal.ReleaseRequested)
                {
                    await _engine.RequestAsync(AssociationEvent.Evt14, null, ct).ConfigureAwait(false); // release collision
                }
            }
        }
        await _engine.CloseAsync().ConfigureAwait(false);
    }

    public async Task AbortAsync(CancellationToken ct = default) =>
        await _engine.AbortAsync("aborted by the local user", null, ct).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (!_engine.IsClosed)
        {
            await AbortAsync().ConfigureAwait(false);
        }
        await _engine.DisposeAsync().ConfigureAwait(false);
    }
}
