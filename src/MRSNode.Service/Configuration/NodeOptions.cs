using MRSNode.Messaging.RabbitMq;

namespace MRSNode.Service.Configuration;

/// <summary>
/// Every setting of the node, bound from config/appsettings.json, the file given to `serve --config` and
/// MRSNODE_-prefixed environment variables (in that order, the last one wins). Checked by
/// <see cref="NodeOptionsValidator"/> before anything starts.
/// </summary>
public sealed class NodeOptions
{
    public const string EnvironmentPrefix = "MRSNODE_";

    public NodeSection Node { get; set; } = new();
    /// <summary>PACS to send results to; none keeps them in &lt;DataDirectory&gt;/outbox.</summary>
    public List<DestinationOptions> Destinations { get; set; } = [];
    public ProcessingSection Processing { get; set; } = new();
    public ExportSection Export { get; set; } = new();
    public RetentionSection Retention { get; set; } = new();
    public StatusSection Status { get; set; } = new();
    /// <summary>How jobs travel between roles: the local file spool (one node) or RabbitMQ (several; docs/scale-out.md).</summary>
    public QueueSection Queue { get; set; } = new();
}

public sealed class NodeSection
{
    public string AeTitle { get; set; } = "MRSNODE";
    /// <summary>
    /// What this process does: all (receive, quantify, send: one node), or one role of a scaled-out deployment
    /// (intake, worker, export; needs Queue:Kind rabbitmq). `mrsnode serve --role` sets it.
    /// </summary>
    public string Role { get; set; } = "all";
    /// <summary>Reject associations addressed to another AE title (reason 7). Off by default, as Orthanc's DicomCheckCalledAet: scanners are often configured with a stale title.</summary>
    public bool RequireCalledAeTitle { get; set; }
    public int Port { get; set; } = 11112;
    /// <summary>Listen address of the SCP ("0.0.0.0" = every interface).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";
    /// <summary>Spool, outbox and audit trail; empty = <see cref="NodePaths.DefaultDataDirectory"/>.</summary>
    public string DataDirectory { get; set; } = "";
    /// <summary>Calling AE titles allowed to send; empty = any.</summary>
    public List<string> AllowedCallingAeTitles { get; set; } = [];
    /// <summary>IP addresses allowed to send; empty = any.</summary>
    public List<string> AllowedCallingHosts { get; set; } = [];
    /// <summary>Objects are refused (status A700) while the data directory's disk has less free space than this.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 500;
    /// <summary>
    /// Largest object accepted, as received and (for Deflated Explicit VR LE) once inflated: larger ones are refused
    /// (A700 as received, C000 inflated). MRSI objects are tens of MB; 512 MiB leaves room for multi-frame images.
    /// </summary>
    public long MaxObjectBytes { get; set; } = 512L << 20;
    public int MaxAssociations { get; set; } = 32;
    /// <summary>Connections not yet associated (before their A-ASSOCIATE-RQ, TLS handshake included), all peers: a hard bound; when full, the oldest idle one is closed.</summary>
    public int MaxUnassociatedConnections { get; set; } = 64;
    /// <summary>One IP address's share of MaxUnassociatedConnections.</summary>
    public int MaxUnassociatedPerPeer { get; set; } = 16;
    /// <summary>DICOM TLS on the SCP; off by default (plain DICOM on Node:Port).</summary>
    public NodeTlsSection Tls { get; set; } = new();
}

/// <summary>TLS of the SCP (PS3.15 Annex B): when enabled, Node:Port accepts TLS connections only.</summary>
public sealed class NodeTlsSection
{
    public bool Enabled { get; set; }
    /// <summary>The node's certificate: PEM (with KeyPath) or PKCS#12 without password (key inside).</summary>
    public string CertificatePath { get; set; } = "";
    /// <summary>PEM private key of CertificatePath; empty when CertificatePath holds the key.</summary>
    public string KeyPath { get; set; } = "";
    /// <summary>PEM bundle of the authorities client certificates must chain to; empty = the system store.</summary>
    public string TrustedCaPath { get; set; } = "";
    /// <summary>Refuse a client that presents no certificate trusted by TrustedCaPath.</summary>
    public bool RequireClientCertificate { get; set; }
}

public sealed class DestinationOptions
{
    /// <summary>Folder name in the outbox and name on the status page: letters, digits, '-' and '_'.</summary>
    public string Name { get; set; } = "";
    public string AeTitle { get; set; } = "";
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public DestinationTlsSection Tls { get; set; } = new();
}

/// <summary>TLS towards one destination.</summary>
public sealed class DestinationTlsSection
{
    public bool Enabled { get; set; }
    /// <summary>PEM bundle of the authorities the destination's certificate must chain to; empty = the system store.</summary>
    public string TrustedCaPath { get; set; } = "";
    /// <summary>Our client certificate, for destinations that require one; empty = none.</summary>
    public string CertificatePath { get; set; } = "";
    public string KeyPath { get; set; } = "";
    /// <summary>Name expected in the destination's certificate; empty = Host.</summary>
    public string ServerName { get; set; } = "";
}

public sealed class ProcessingSection
{
    /// <summary>Seconds without a new object of a study before its jobs are created.</summary>
    public double SettleSeconds { get; set; } = 10;
    /// <summary>Jobs run at the same time; 0 = half the processor count (at least 1).</summary>
    public int Workers { get; set; }
    /// <summary>lcm (the default) or both (also every installed neural model, as an advisory second opinion).</summary>
    public string Method { get; set; } = "lcm";
    /// <summary>Folder with basis-sets/, reference-ranges.json, confidence-checks.json; empty = config/ beside mrsnode.</summary>
    public string ConfigDirectory { get; set; } = "";
    public double WaterConcentrationMm { get; set; } = 35880;
    public double WaterAttenuation { get; set; } = 0.7;
    public double MetaboliteAttenuation { get; set; } = 1.0;
    /// <summary>
    /// "gm,wm,csf" of the site's standard voxel (e.g. "0.6,0.3,0.1"): concentrations are then partial-volume and
    /// relaxation corrected mM (molal); empty = institutional units. One set for every study: use it only where the
    /// voxel is always placed alike.
    /// </summary>
    public string TissueFractions { get; set; } = "";
    /// <summary>
    /// A folder of per-study tissue fractions, &lt;StudyInstanceUID&gt;.json = { "gm", "wm", "csf" } (e.g. from the site's
    /// segmentation of the study's T1 image); a study's file takes precedence over TissueFractions. Empty = none.
    /// </summary>
    public string TissueFractionsFolder { get; set; } = "";
    /// <summary>A site reference-range file (the format of config/reference-ranges.json) used before the shipped ranges; empty = none.</summary>
    public string SiteReferenceRanges { get; set; } = "";
    /// <summary>
    /// Simulate the basis set of an acquisition no basis-set manifest entry matches (from its field, TE and sequence),
    /// instead of refusing it; the simulated basis is cached in <see cref="BasisCacheDirectory"/>.
    /// </summary>
    public bool SimulateBasisSets { get; set; } = true;
    /// <summary>Folder of simulated basis sets (one .BASIS and .json per protocol); empty = &lt;DataDirectory&gt;/basis-cache.</summary>
    public string BasisCacheDirectory { get; set; } = "";
    /// <summary>A job interrupted (node killed) this many times is failed instead of resumed again.</summary>
    public int MaxStarts { get; set; } = 3;
    /// <summary>
    /// Seconds one job may compute before it is cancelled and fails with a "not processed" report (a clinical single
    /// voxel takes well under a minute); a job running longer than half of it makes /health say "degraded".
    /// </summary>
    public double JobTimeLimitSeconds { get; set; } = 600;
    /// <summary>LCM lineshape freedom: global (one shift and damping for all; reproduces LCModel 6.3), group or metabolite.</summary>
    public string Lineshape { get; set; } = "global";
    /// <summary>Prior SD (Hz) of a component's own shift with Lineshape group or metabolite; LCModel's 0.004 ppm at 3 T.</summary>
    public double ShiftSdHz { get; set; } = 0.5;
    /// <summary>Prior SD (Hz, FWHM) of a component's damping deviation; LCModel's at 3 T.</summary>
    public double DampingSdHz { get; set; } = 0.15;
    /// <summary>CRLB covariance: all (every amplitude free, those fitted at zero too) or active (zeros held fixed, as LCModel).</summary>
    public string Crlb { get; set; } = "all";
    /// <summary>Soft concentration-ratio priors: none, or lcmodel (LCModel 6.3's brain defaults; docs/quantification.md).</summary>
    public string RatioPriors { get; set; } = "lcmodel";
    /// <summary>Where the neural method computes: cpu, cuda or auto (the GPU when usable, else the CPU, logged once).</summary>
    public string Device { get; set; } = "cpu";
}

public sealed class ExportSection
{
    /// <summary>Refusals (failure status) of one object before it goes to the dead-letter folder.</summary>
    public int MaxAttempts { get; set; } = 5;
    public double InitialBackoffSeconds { get; set; } = 5;
    public double MaxBackoffSeconds { get; set; } = 600;
    /// <summary>Our AE title as SCU; empty = Node:AeTitle.</summary>
    public string CallingAeTitle { get; set; } = "";
}

public sealed class RetentionSection
{
    /// <summary>Done jobs (and the sent ledger) older than this are deleted; 0 = keep forever. Failed jobs are always kept.</summary>
    public double DoneJobDays { get; set; } = 30;
}

public sealed class StatusSection
{
    /// <summary>HTTP port of the status page and /health, /status on 127.0.0.1; 0 = off.</summary>
    public int Port { get; set; } = 8104;
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Host names (Host header, without port) the status page answers besides localhost, loopback addresses and
    /// ListenAddress; any other Host gets 421, so a DNS-rebinding page in a browser cannot read it.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>When set, / and /status require "Authorization: Bearer &lt;token&gt;" (401 otherwise); /health stays open.</summary>
    public string Token { get; set; } = "";
}

public sealed class QueueSection
{
    /// <summary>file (the local job spool; Node:Role all) or rabbitmq (roles on several machines).</summary>
    public string Kind { get; set; } = "file";
    /// <summary>A folder every role reaches (an NFS/SMB mount): job inputs, outputs and the shared sent ledger.</summary>
    public string SharedStore { get; set; } = "";
    /// <summary>The broker: Uri, Tls, ConfirmTimeoutSeconds, DeliveryLimit, Reconnect*Seconds, ClientName.</summary>
    public RabbitMqOptions RabbitMq { get; set; } = new();
}
