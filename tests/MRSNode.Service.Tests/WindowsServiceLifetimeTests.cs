using MRSNode.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MRSNode.Service.Hosting;
using Xunit;

namespace MRSNode.Service.Tests;

/// <summary>
/// The state machine of <see cref="WindowsServiceLifetime"/> in a real host, with the SCM faked. The advapi32 layer
/// (<see cref="NativeServiceControlManager"/>) needs Windows and a service registration: not run here.
/// </summary>
[UnitTest]
public class WindowsServiceLifetimeTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    /// <summary>A hosted service that records its calls and can fail or wait in its start.</summary>
    private sealed class RecordingService(Func<Task>? start = null) : IHostedService
    {
        public bool Stopped { get; private set; }
        public ServiceState? StateWhenStopped { get; set; }
        public Func<ServiceState?>? StateProbe { get; set; }

        public Task StartAsync(CancellationToken cancellationToken) => start?.Invoke() ?? Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            StateWhenStopped = StateProbe?.Invoke();
            return Task.CompletedTask;
        }
    }

    private static IHost Build(FakeServiceControlManager scm, RecordingService service, TimeSpan? waitHint = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostedService>(service);
        builder.Services.AddSingleton<IHostLifetime>(sp => new WindowsServiceLifetime(
            scm, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<WindowsServiceLifetime>>(), waitHint ?? TimeSpan.FromSeconds(10)));
        service.StateProbe = () => scm.LastState;
        return builder.Build();
    }

    [Fact]
    public async Task Start_ScmStartsService_ReportsStartPendingThenRunningAcceptingStopAndShutdown()
    {
        using var scm = new FakeServiceControlManager();
        using var host = Build(scm, new RecordingService());

        await host.StartAsync().WaitAsync(_timeout);

        var reports = scm.Reports;
        Assert.Equal(2, reports.Count);
        Assert.Equal(new ServiceStatusReport(ServiceState.StartPending, ServiceAcceptedControls.None, 0, 0, 1, TimeSpan.FromSeconds(10)), reports[0]);
        Assert.Equal(new ServiceStatusReport(ServiceState.Running, ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown, 0, 0, 0, TimeSpan.Zero), reports[1]);
        Assert.False(scm.DispatcherReturned);
        await host.StopAsync();
    }

    [Theory]
    [InlineData(ServiceControlCode.Stop)]
    [InlineData(ServiceControlCode.Shutdown)]
    public async Task Control_StopOrShutdownWhileRunning_StopsHostThenReportsStopPendingAndStoppedWithExitCodeZero(int control)
    {
        using var scm = new FakeServiceControlManager();
        var service = new RecordingService();
        using var host = Build(scm, service);
        var run = host.RunAsync();
        Assert.True(await scm.WaitUntilAsync(r => r.Count > 0 && r[^1].State == ServiceState.Running));

        var handled = scm.Send(control);
        await run.WaitAsync(_timeout);

        Assert.True(handled);
        Assert.True(service.Stopped);
        Assert.Equal(ServiceState.StopPending, service.StateWhenStopped); // STOPPED only after the hosted services stopped
        var afterRunning = scm.Reports.SkipWhile(r => r.State != ServiceState.Running).Skip(1).ToList();
        Assert.Equal(new ServiceStatusReport(ServiceState.StopPending, ServiceAcceptedControls.None, 0, 0, 1, TimeSpan.FromSeconds(10)), afterRunning[0]);
        Assert.Equal(new ServiceStatusReport(ServiceState.Stopped, ServiceAcceptedControls.None, 0, 0, 0, TimeSpan.Zero), afterRunning[^1]);
        Assert.All(afterRunning[..^1], r => Assert.Equal(ServiceState.StopPending, r.State));
        Assert.True(scm.DispatcherReturned);
    }

    [Fact]
    public async Task Start_HostedServiceThrows_ReportsStoppedWithStartFailedServiceSpecificExitCode()
    {
        using var scm = new FakeServiceControlManager();
        using var host = Build(scm, new RecordingService(() => throw new InvalidOperationException("spool unreadable")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync().WaitAsync(_timeout));

        Assert.Equal("spool unreadable", error.Message);
        var reports = scm.Reports;
        Assert.DoesNotContain(reports, r => r.State == ServiceState.Running);
        Assert.Equal(ServiceState.StartPending, reports[0].State);
        Assert.Equal(new ServiceStatusReport(ServiceState.Stopped, ServiceAcceptedControls.None, 1066, 1, 0, TimeSpan.Zero), reports[^1]);
        Assert.True(scm.DispatcherReturned);
    }

    [Fact]
    public async Task StopApplication_WithoutScmControl_ReportsStoppedWithStoppedUnaskedExitCode()
    {
        using var scm = new FakeServiceControlManager();
        using var host = Build(scm, new RecordingService());
        var run = host.RunAsync();
        Assert.True(await scm.WaitUntilAsync(r => r.Count > 0 && r[^1].State == ServiceState.Running));

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // as a failed BackgroundService does
        await run.WaitAsync(_timeout);

        Assert.Equal(new ServiceStatusReport(ServiceState.Stopped, ServiceAcceptedControls.None, 1066, 2, 0, TimeSpan.Zero), scm.Reports[^1]);
    }

    [Fact]
    public async Task Start_SlowerThanAThirdOfTheWaitHint_RaisesCheckPointWhilePending()
    {
        using var scm = new FakeServiceControlManager();
        var waitHint = TimeSpan.FromMilliseconds(150);
        using var host = Build(scm, new RecordingService(async () =>
            Assert.True(await scm.WaitUntilAsync(r => r.Count > 0 && r[^1].CheckPoint >= 3))), waitHint);

        await host.StartAsync().WaitAsync(_timeout);

        var pending = scm.Reports.TakeWhile(r => r.State == ServiceState.StartPending).ToList();
        Assert.Equal(new[] { 1, 2, 3 }, pending.Select(r => r.CheckPoint).Take(3));
        Assert.All(pending, r => Assert.Equal(waitHint, r.WaitHint));
        Assert.Equal(ServiceState.Running, scm.LastState);
        await host.StopAsync();
    }

    [Fact]
    public async Task Control_InterrogateAndUnknown_InterrogateHandledOthersNot()
    {
        using var scm = new FakeServiceControlManager();
        using var host = Build(scm, new RecordingService());
        await host.StartAsync().WaitAsync(_timeout);
        var count = scm.Reports.Count;

        var interrogate = scm.Send(ServiceControlCode.Interrogate);
        var pause = scm.Send(2); // SERVICE_CONTROL_PAUSE: not accepted

        Assert.True(interrogate);
        Assert.False(pause);
        Assert.Equal(count, scm.Reports.Count);
        Assert.Equal(ServiceState.Running, scm.LastState);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_NotStartedByScm_ThrowsWindowsServiceExceptionAndReportsNothing()
    {
        using var scm = new FakeServiceControlManager { StartsService = false };
        using var host = Build(scm, new RecordingService());

        var error = await Assert.ThrowsAsync<WindowsServiceException>(() => host.StartAsync().WaitAsync(_timeout));

        Assert.Equal("not started by the service control manager", error.Message);
        Assert.Empty(scm.Reports);
    }
}
