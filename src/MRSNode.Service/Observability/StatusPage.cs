using System.Globalization;
using System.Net;
using System.Text;
using MRSNode.Quantification.Results;

namespace MRSNode.Service.Observability;

/// <summary>The status page: the same snapshot as /status, as a small self-refreshing HTML page (no scripts, no assets).</summary>
public static class StatusPage
{
    public static string Render(StatusSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        static string T(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "—";

        Line("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">");
        Line("<title>MRSNode status</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}"
            + "td,th{border:1px solid #bbb;padding:.25em .6em;text-align:left}th{background:#eee}.failed{color:#a00}</style></head><body>");
        Line($"<h1>MRSNode {E(s.AeTitle)} on port {s.Port}</h1>");
        Line($"<p>Up since {T(s.StartedUtc)}; {s.ObjectsReceived} object(s) received; data in <code>{E(s.DataDirectory)}</code>.</p>");
        var q = s.Queues;
        Line("<h2>Queues</h2><table><tr><th>intake studies</th><th>assembling</th><th>queued</th><th>running</th><th>done</th><th>failed</th><th>local outbox</th></tr>");
        Line($"<tr><td>{q.IntakeStudies}</td><td>{q.Assembling}</td><td>{q.Queued}</td><td>{q.Running}</td><td>{q.Done}</td><td>{q.Failed}</td><td>{q.LocalOutboxJobs}</td></tr></table>");
        if (s.ScaleOut is { } so)
        {
            Line($"<h2>Role: {E(so.Role)}</h2><p>Broker {(so.BrokerReachable ? "reachable" : "<span class=\"failed\">unreachable</span>: " + E(so.BrokerError))}; "
                + $"{so.InFlight} in flight, {so.Completed} done, {so.Failed} failed by this node.</p>");
            Line("<table><tr><th>queue</th><th>ready</th><th>consumers</th></tr>");
            foreach (var qv in so.Queues)
            {
                Line($"<tr><td>{E(qv.Name)}</td><td>{E(qv.Ready?.ToString(CultureInfo.InvariantCulture) ?? "?")}</td><td>{E(qv.Consumers?.ToString(CultureInfo.InvariantCulture) ?? "?")}</td></tr>");
            }
            Line("</table>");
        }
        Line("<h2>Destinations</h2>");
        if (s.Destinations.Count == 0)
        {
            Line("<p>None configured: results stay in the outbox folder.</p>");
        }
        else
        {
            Line("<table><tr><th>name</th><th>address</th><th>pending</th><th>dead letter</th><th>sent</th><th>last success</th><th>failures</th><th>next try</th><th>last error</th></tr>");
            foreach (var d in s.Destinations)
            {
                Line($"<tr><td>{E(d.Name)}</td><td>{E(d.Address)}</td><td>{d.Pending}</td><td>{d.DeadLetter}</td><td>{d.Sent}</td><td>{T(d.LastSuccessUtc)}</td>"
                    + $"<td>{d.ConsecutiveFailures}</td><td>{T(d.NextAttemptUtc)}</td><td>{E(d.LastError)}</td></tr>");
            }
            Line("</table>");
        }
        Line("<h2>Recent jobs</h2><table><tr><th>finished</th><th>job</th><th>study</th><th>state</th><th>verdict</th><th>detail</th></tr>");
        foreach (var j in s.RecentJobs)
        {
            Line($"<tr class=\"{E(j.State)}\"><td>{T(j.FinishedUtc)}</td><td>{E(j.Id)}</td><td>{E(j.StudyInstanceUid)}</td><td>{E(j.State)}</td><td>{E(j.Verdict?.Text())}</td><td>{E(j.Detail)}</td></tr>");
        }
        Line("</table><h2>Failed jobs (inputs kept in jobs/failed/)</h2><table><tr><th>job</th><th>study</th><th>error</th></tr>");
        foreach (var f in s.FailedJobs)
        {
            Line($"<tr class=\"failed\"><td>{E(f.Id)}</td><td>{E(f.StudyInstanceUid)}</td><td>{E(f.Error)}</td></tr>");
        }
        Line("</table></body></html>");
        return html.ToString();
    }
}
