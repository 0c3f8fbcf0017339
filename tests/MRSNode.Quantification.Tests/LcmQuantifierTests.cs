using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Quantification.Tests;

[UnitTest]
public class LcmQuantifierTests
{
    [Fact]
    public void Quantify_CancelledToken_ThrowsOperationCanceled()
    {
        var acquisition = FitterTests.SyntheticAcquisition(0.01, 1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => LcmQuantifier.Quantify(acquisition, null, Fixtures.IsmrmBasis, cancellationToken: cancelled.Token));

        Assert.Equal(cancelled.Token, thrown.CancellationToken);
    }

    [Fact]
    public void Quantify_SyntheticSpectrum_ResultCarriesTheFitStatus()
    {
        var r = LcmQuantifier.Quantify(FitterTests.SyntheticAcquisition(0.01, 1), null, Fixtures.IsmrmBasis);

        Assert.Equal(r.Fit.Status, r.FitStatus);
        Assert.Contains(r.FitStatus, new[] { FitStatus.Converged, FitStatus.Stalled });
    }
}
