using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>Issue 25 finding 13: the status page answered any Host header (DNS rebinding) and had no authentication option.</summary>
[SlowTest]
public sealed class StatusPageAccessTests
{
    private static async Task<HttpStatusCode> GetAsync(TestNode node, string path, string host, string? token = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{node.StatusPort.ToString(CultureInfo.InvariantCulture)}{path}");
        request.Headers.Host = host;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Get_ReboundHostName_421AndOwnNames200()
    {
        await using var node = await TestNode.StartAsync();

        Assert.Equal(HttpStatusCode.MisdirectedRequest, await GetAsync(node, "/status", "rebound.attacker.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await GetAsync(node, "/", "rebound.attacker.example:8104"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(node, "/status", "localhost"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(node, "/", $"127.0.0.1:{node.StatusPort.ToString(CultureInfo.InvariantCulture)}"));
    }

    [Fact]
    public async Task Get_TokenConfigured_StatusNeedsTheBearerTokenHealthDoesNot()
    {
        await using var node = await TestNode.StartAsync(s => s["Status:Token"] = "s3cret-token-1");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(node, "/status", "localhost"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(node, "/", "localhost", "wrong"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(node, "/status", "localhost", "s3cret-token-1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(node, "/health", "localhost"));
    }
}
