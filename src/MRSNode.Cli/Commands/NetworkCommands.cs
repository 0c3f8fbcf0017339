using System.CommandLine;
using System.Globalization;
using MRSNode.Dicom;
using MRSNode.Dicom.IO;
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
            var headers = new List<(string Path, DicomFile Header)>();
            foreach (var f in files)
            {
                try
                {
                    headers.Add((f, DicomFile.Open(f, DicomReadOptions.HeaderOnly)));
                }
                catch (DicomFormatException ex)
                {
                    Console.Error.WriteLine($"skipped {f}: not DICOM ({ex.Message})");
                }
            }
            if (headers.Count == 0)
            {
                throw new InvalidOperationException("no DICOM files to send");
            }
            var proposal = DicomClient.ProposeStorage(headers.Select(h => (h.Header.Dataset.GetString(DicomTags.SOPClassUID) ?? "", h.Header.TransferSyntax.Uid)));
            var options = new DicomClientOptions { CalledAeTitle = parse.GetValue(aet)!, CallingAeTitle = parse.GetValue(calling)!, Tls = tls.Read(parse) };
            await using var client = await DicomClient.ConnectAsync(parse.GetValue(host)!, parse.GetValue(port), options, proposal, ct);
            int failed = 0;
            foreach (var (path, _) in headers)
            {
                var status = await client.StoreAsync(DicomFile.Open(path), ct);
                Console.WriteLine($"{status} {path}");
                failed += status.IsSuccess ? 0 : 1;
            }
            await client.ReleaseAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {headers.Count - failed} of {headers.Count}"));
            return failed == 0 ? 0 : CliErrors.Failure;
        }));
        return command;
    }

    private static Command CreateListen()
    {
        var port = new Option<int>("--port") { Description = "TCP port.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for received objects (<SOPInstanceUID>.dcm).", Required = true };
        var aet = new Option<string?>("--aet") { Description = "Accept only this called AE title (default: any)." };
        var tls = TlsArgs.Create();
        var command = new Command("listen", "A plain storage SCP: store every object received.") { port, output, aet };
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
            await using var server = new DicomServer(options, handler, parse.GetValue(port)).Start();
            server.AssociationEnded += r =>
            {
                if (r.AbortReason is not null)
                {
                    Console.Error.WriteLine($"association from {r.Remote} ended: {r.AbortReason}");
                }
            };
            Console.WriteLine($"listening on port {server.Port} ({(called is null ? "any called AE title" : called)}); Ctrl+C stops");
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
