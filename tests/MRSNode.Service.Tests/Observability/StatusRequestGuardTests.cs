using Microsoft.AspNetCore.Http;
using MRSNode.Service.Configuration;
using MRSNode.Service.Observability;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Observability;

[UnitTest]
public sealed class StatusRequestGuardTests
{
    private static HttpRequest Request(string? host, string path = "/status", string? authorization = null)
    {
        var context = new DefaultHttpContext();
        if (host is not null)
        {
            context.Request.Host = new HostString(host);
        }
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }
        return context.Request;
    }

    [Theory]
    [InlineData("localhost:8104")]
    [InlineData("127.0.0.1:8104")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]:8104")]
    [InlineData("mrsnode.hospital.example")]
    public void Refusal_OwnOrConfiguredHost_Null(string host)
    {
        var guard = new StatusRequestGuard(new StatusSection { AllowedHosts = ["mrsnode.hospital.example"] });

        Assert.Null(guard.Refusal(Request(host)));
    }

    [Theory]
    [InlineData("rebound.attacker.example:8104")]
    [InlineData("localhost.attacker.example")]
    [InlineData(null)]
    public void Refusal_ForeignOrMissingHost_421(string? host)
    {
        var guard = new StatusRequestGuard(new StatusSection());

        Assert.Equal(421, guard.Refusal(Request(host)));
    }

    [Theory]
    [InlineData("/status", null, 401)]
    [InlineData("/", "Bearer wrong-token", 401)]
    [InlineData("/status", "Basic s3cret-token-1", 401)]
    [InlineData("/status", "Bearer s3cret-token-1", null)]
    [InlineData("/health", null, null)]
    public void Refusal_TokenConfigured_OnlyHealthIsOpen(string path, string? authorization, int? expected)
    {
        var guard = new StatusRequestGuard(new StatusSection { Token = "s3cret-token-1" });

        Assert.Equal(expected, guard.Refusal(Request("localhost", path, authorization)));
    }
}
