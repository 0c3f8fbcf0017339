using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Pipeline.Tests;

[UnitTest]
public class NotProcessedNoticesTests
{
    [Fact]
    public void For_NoBasisSet_RadiologistGetsThePlainCausePhysicistTheManifest()
    {
        var notice = NotProcessedNotices.For("no basis set matches this acquisition (1H 1.5 T, TE 31.9 ms, PRIME, Philips); configured: ismrm2016-press-3t-te30 (1H 2.9 T, TE 30 ms, PRESS). The basis-set manifest (config/basis-sets/manifest.json) needs an entry for it.");

        Assert.Equal("MRSNode could not measure metabolites in this spectroscopy acquisition: the node has no model spectra (basis set) for this kind of acquisition (1H 1.5 T, TE 31.9 ms, PRIME, Philips). " +
                     "This report therefore holds no values, flags or fitted spectrum. Read the images without MRS results, or ask the MR physicist to have the study reprocessed.", notice.ForTheRadiologist);
        Assert.StartsWith("Cause: no basis set matches this acquisition (1H 1.5 T, TE 31.9 ms, PRIME, Philips); configured: ismrm2016-press-3t-te30", notice.ForThePhysicist);
        Assert.EndsWith("To do: add a basis set simulated for this field strength, echo time and sequence to the node's basis-set manifest (config/basis-sets/manifest.json), then resend the study to the node.", notice.ForThePhysicist);
    }

    [Fact]
    public void For_OtherReason_FirstClauseToTheRadiologistAllOfItToThePhysicist()
    {
        var notice = NotProcessedNotices.For("this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis");

        Assert.StartsWith("MRSNode could not measure metabolites in this spectroscopy acquisition: this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only. This report", notice.ForTheRadiologist);
        Assert.Equal("Cause: this is an edited (MEGA-PRESS) acquisition: MRSNode quantifies unedited ¹H spectra only; edited GABA/GSH spectra need a dedicated analysis. " +
                     "To do: check the files the scanner sent and the node's log, correct the cause, then resend the study to the node.", notice.ForThePhysicist);
        Assert.DoesNotContain("--", notice.ForTheRadiologist + notice.ForThePhysicist);
    }
}
