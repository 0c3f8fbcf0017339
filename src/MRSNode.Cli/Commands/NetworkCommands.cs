using System.CommandLine;
using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Dimse;
using MRSNode.Dicom.Network.Scp;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Dicom.Network.Tls;

namespace MRSNode.Cli.Commands;

/// <summary>`mrsnode dicom echo|send|listen`: C-ECHO and C-STORE as SCU, a plain storage SCP.</summary>
internal static class NetworkCommands
{
    public static IEnumerable<Command> Create() => [CreateEcho(), CreateSend(), CreateListen()];

    private sealed record TlsArgs(Option<bool> Enable, Option<FileInfo?> Cert, Option<FileInfo?> Key, Option<FileInfo?> Ca, Option<bool> RequireClientCert)
    {
        public IEnumerable<Option> All => [Enable, Cert, Key, Ca, RequireClientCert];

        public static TlsArgs Create() => new(
            new Option<bool>("--tls") { Description = "Use DICOM TLS." },
            new Option<FileInfo?>("--cert") { Description = "This side's certificate (PEM with --key, or PKCS#12)." },
            new Option<FileInfo?>("--key") { Description = "Private key (PEM) for --cert." },
            new Option<FileInfo?>("--ca") { Description = "Trust the CA(s) of this PEM file (one or a bundle) for the peer's certificate instead of the system store." },
            new Option<bool>("--require-client-cert") { Description = "listen: require and verify a client certificate." });

        public DicomTlsOptions? Read(ParseResult parse)
        {
            if (!parse.GetValue(Enable))
            {
                return null;
            }
            var cert = parse.GetValue(Cert);
            var ca = parse.GetValue(Ca);
            return new DicomTlsOptions
            {
                Certificate = cert is null ? null : DicomTlsOptions.LoadCertificate(cert.FullName, parse.GetValue(Key)?.FullName),
                CertificateChain = cert is null ? [] : DicomTlsOptions.LoadChain(cert.FullName),
                TrustedAuthorities = ca is null ? [] : DicomTlsOptions.LoadAuthorities(ca.FullName),
                RequireClientCertificate = parse.GetValue(RequireClientCert),
            };
        }
    }

    private static Option<string> CalledAe() => new("--aet") { Description = "Called AE title (the peer's).", DefaultValueFactory = _ => "ANY-SCP" };
    private static Option<string> CallingAe() => new("--calling") { Description = "Calling AE title (ours).", DefaultValueFactory = _ => "MRSNODE" };

    private static Command CreateEcho()
    {
        var host = new Argument<string>("HOST");
        var port = new Argument<int>("PORT");
        var aet = CalledAe();
        var calling = CallingAe();
        var tls = TlsArgs.Create();
        var command = new Command("echo", "C-ECHO a DICOM peer (verification).") { host, port, aet, calling };
        foreach (var o in tls.All) command.Options.Add(o);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = new DicomClientOptions { CalledAeTitle = parse.GetValue(aet)!, CallingAeTitle = parse.GetValue(calling)!, Tls = tls.Read(parse) };
            await using var client = await DicomClient.ConnectAsync(parse.GetValue(host)!, parse.GetValue(port), options, DicomClient.ProposeVerification(), ct);
            var status = await client.EchoAsync(ct);
            await client.ReleaseAsync(ct);
            Console.WriteLine($"C-ECHO {parse.GetValue(host)}:{parse.GetValue(port)} ({options.CalledAeTitle}): {status}");
            return status.IsSuccess ? 0 : CliErrors.Failure;
        }));
        return command;
    }

    private static Command CreateSend()
    {
        var host = new Argument<string>("HOST");
        var port = new Argument<int>("PORT");
        var paths = new Argument<string[]>("FILE|DIR") { Arity = ArgumentArity.OneOrMore, Description = "Files, or folders searched recursively." };
        var aet = CalledAe();
        var calling = CallingAe();
        var tls = TlsArgs.Create();
        var command = new Command("send", "C-STORE files to a DICOM peer.") { host, port, paths, aet, calling };
        foreach (var o in tls.All) command.Options.Add(o);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var files = parse.GetValue(paths)!.SelectMany<string, string>(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                : [p]).ToList();
            var outcome = new SendOutcome();
            var sendable = new List<(string Path, string SopClass, string TransferSyntax)>();
            foreach (var f in files)
            {
                var (header, reason) = Inspect(f);
                if (header is { } h)
                {
                    sendable.Add((f, h.SopClass, h.TransferSyntax));
                }
                else
                {
                    outcome.Failed(f, reason);
                }
            }
            if (sendable.Count > 0)
            {
                var proposal = DicomClient.ProposeStorage(sendable.Select(s => (s.SopClass, s.TransferSyntax)));
                var options = new DicomClientOptions { CalledAeTitle = parse.GetValue(aet)!, CallingAeTitle = parse.GetValue(calling)!, Tls = tls.Read(parse) };
                DicomClient? client = null;
                try
                {
                    foreach (var (path, _, _) in sendable)
                    {
                        // A new association when the last one ended (aborted by the peer, cut): the rest are still tried.
                        if (client is null || !client.IsEstablished)
                        {
                            if (client is not null)
                            {
                                await client.DisposeAsync();
                            }
                            client = await DicomClient.ConnectAsync(parse.GetValue(host)!, parse.GetValue(port), options, proposal, ct);
                        }
                        try
                        {
                            var status = await client.StoreAsync(path, ct);
                            outcome.Stored(path, status);
                        }
                        catch (Exception ex) when (ex is DicomAssociationException or DicomFormatException or IOException)
                        {
                            outcome.Failed(path, ex.Message);
                        }
                    }
                    if (client is { IsEstablished: true })
                    {
                        await client.ReleaseAsync(ct);
                    }
                }
                finally
                {
                    if (client is not null)
                    {
                        await client.DisposeAsync();
                    }
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {outcome.Succeeded} of {files.Count}; {outcome.FailedCount} failed"));
            return outcome.FailedCount == 0 ? 0 : CliErrors.Failure;
        }));
        return command;
    }

    /// <summary>The SOP class and transfer syntax of a file that can be proposed, or why it cannot (not DICOM, no or an invalid SOP Class UID).</summary>
    private static ((string SopClass, string TransferSyntax)? Header, string Reason) Inspect(string path)
    {
        try
        {
            var header = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            var sopClass = header.Dataset.GetString(DicomTags.SOPClassUID) ?? header.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
            return sopClass switch
            {
                null => (null, "not a DICOM object, or one without a SOP Class UID (0008,0016) or Media Storage SOP Class UID (0002,0002)"),
                _ when !DicomValueValidator.IsUid(sopClass) => (null, string.Create(CultureInfo.InvariantCulture,
                    $"the SOP Class UID is not a valid UID ({sopClass.Length} characters, e.g. a hex dump of a value stored as UN)")),
                _ => ((sopClass, header.TransferSyntax.Uid), ""),
            };
        }
        catch (Exception ex) when (ex is DicomFormatException or IOException or UnauthorizedAccessException)
        {
            return (null, "not readable as DICOM: " + ex.Message);
        }
    }

    /// <summary>What `dicom send` prints per file (one line each: status and path) and counts.</summary>
    private sealed class SendOutcome
    {
        public int Succeeded { get; private set; }
        public int FailedCount { get; private set; }

        public void Stored(string path, DimseStatus status)
        {
            Console.WriteLine($"{status} {path}");
            if (status.IsSuccess)
            {
                Succeeded++;
            }
            else
            {
                FailedCount++;
            }
        }

        public void Failed(string path, string reason)
        {
            Console.WriteLine($"FAILED {path}: {reason}");
            FailedCount++;
        }
    }

    private static Command CreateListen()
    {
        var port = new Option<int>("--port") { Description = "TCP port.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for received objects (<SOPInstanceUID>.dcm).", Required = true };
        var aet = new Option<string?>("--aet") { Description = "Accept only this called AE title (default: any)." };
        var bind = new Option<string>("--bind") { Description = "Address to listen on, e.g. 127.0.0.1 or ::1 (default 0.0.0.0: every IPv4 interface).", DefaultValueFactory = _ => "0.0.0.0" };
        var tls = TlsArgs.Create();
        var command = new Command("listen", "A plain storage SCP: store every object received.") { port, output, aet, bind };
        foreach (var o in tls.All) command.Options.Add(o);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var handler = new FileStoreHandler(parse.GetValue(output)!.FullName);
            handler.Stored += (c, path) => Console.WriteLine($"stored {path} from {c.CallingAeTitle} ({c.RemoteEndPoint})");
            var called = parse.GetValue(aet);
            var options = new DicomServerOptions
            {
                AeTitle = called ?? "MRSNODE",
                RequireCalledAeTitle = called is not null,
                AcceptedSopClasses = null,
                Tls = tls.Read(parse),
            };
            if (!System.Net.IPAddress.TryParse(parse.GetValue(bind), out var address))
            {
                throw new ArgumentException($"--bind {parse.GetValue(bind)} is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
            }
            await using var server = new DicomServer(options, handler, parse.GetValue(port), address).Start();
            server.AssociationEnded += r =>
            {
                if (r.AbortReason is not null)
                {
                    Console.Error.WriteLine($"association from {r.Remote} ended: {r.AbortReason}");
                }
            };
            Console.WriteLine($"listening on {address}:{server.Port} ({(called is null ? "any called AE title" : called)}); Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        }));
        return command;
    }
}
