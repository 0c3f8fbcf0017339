using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Dicom.Network.Scu;
using MRSNode.Service.Spool;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Service.Tests.Hostile;

/// <summary>
/// Issue 25 finding 12: a disk filling faster than the watermark dropped associations instead of answering A700,
/// left .part files and jobs stuck in running/, and wrote no audit line. A real ENOSPC, on a small tmpfs.
/// </summary>
[SlowTest]
public sealed class DiskFullTests
{
    private static async Task<ushort> StoreAsync(TestNode node, string file)
    {
        var contexts = DicomClient.ProposeStorage([(DicomUids.MRSpectroscopyStorage, DicomUids.ExplicitVRLittleEndian)]);
        await using var client = await DicomClient.ConnectAsync("127.0.0.1", node.Port, new DicomClientOptions { CalledAeTitle = "MRSNODE", CallingAeTitle = "SCANNER" }, contexts);
        var status = (await client.StoreAsync(DicomFile.Open(file))).Code;
        await client.ReleaseAsync();
        return status;
    }

    /// <summary>The metabolite object with 512 KiB of private data: bigger than what is left on the disk.</summary>
    private static string Bloated(string path)
    {
        var file = DicomFile.Open(path);
        file.Dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x0010), DicomVR.LO, "MRSNODE TEST"u8.ToArray()));
        file.Dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x1000), DicomVR.OB, new byte[512 * 1024]));
        var bloated = Path.Combine(TestData.NewTempFolder(), "bloated.dcm");
        file.Save(bloated);
        return bloated;
    }

    [SmallDiskFact]
    public async Task Store_DiskFillsDuringTheObject_A700PartialDeletedAuditedAndTheNextObjectStored()
    {
        using var disk = new SmallDisk(8);
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        var bloated = Bloated(metabolite);
        await using (var node = await TestNode.StartAsync(s =>
        {
            s["Node:MinFreeDiskMegabytes"] = "0"; // the watermark would refuse first; this is the disk filling faster
            s["Processing:SettleSeconds"] = "60";
        }, Path.Combine(disk.Root, "node")))
        {
            disk.Fill(leaveBytes: 64 * 1024);

            Assert.Equal(0xA700, await StoreAsync(node, bloated));

            Assert.Empty(Directory.GetFiles(Path.Combine(node.DataDirectory, "intake", ".received", ".incoming")));
            var refused = Assert.Single(node.Audit(), a => a.Event == "refused");
            Assert.Equal("0xA700", refused.Status);
            Assert.Equal("the spool disk is full (ENOSPC); the partial object was deleted", refused.Detail);

            disk.Free();
            Assert.Equal(0x0000, await StoreAsync(node, water)); // the same association path works again once there is room
        }
    }

    [SmallDiskFact]
    public async Task Store_DiskFullToTheLastByte_A700AndTheAuditLineWrittenOnceThereIsRoom()
    {
        using var disk = new SmallDisk(8);
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        await using var node = await TestNode.StartAsync(s =>
        {
            s["Node:MinFreeDiskMegabytes"] = "0";
            s["Processing:SettleSeconds"] = "60";
        }, Path.Combine(disk.Root, "node"));
        disk.Fill();

        Assert.Equal(0xA700, await StoreAsync(node, metabolite)); // answered, not dropped, though not even the audit line fits

        Assert.Empty(Directory.GetFiles(Path.Combine(node.DataDirectory, "intake", ".received", ".incoming")));
        disk.Free();
        Assert.Equal(0x0000, await StoreAsync(node, water));
        var audit = node.Audit();
        Assert.Equal(["refused", "received"], audit.Select(a => a.Event));
        Assert.Equal("the spool disk is full (ENOSPC); the partial object was deleted", audit[0].Detail);
    }

    [SmallDiskFact]
    public async Task Job_DiskFillsWhileItRuns_RequeuedNotStuckAndDoneOnceThereIsRoom()
    {
        using var disk = new SmallDisk(16);
        await using var node = await TestNode.StartAsync(s => s["Node:MinFreeDiskMegabytes"] = "0", Path.Combine(disk.Root, "node"));
        var (metabolite, water, _) = WaterPairingTests.WriteStudy();
        using var stop = new CancellationTokenSource();
        var filled = false;
        var filler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested && node.Jobs.Count(JobState.Running) == 0)
            {
                Thread.Sleep(2);
            }
            if (!stop.IsCancellationRequested)
            {
                disk.Fill();
                filled = true;
            }
        }) { IsBackground = true, Name = "disk-filler" };
        filler.Start();
        try
        {
            await WaterPairingTests.SendAsAsync(node, "SCANNER", metabolite, water);
            Assert.True(await Task.Run(() => filler.Join(TimeSpan.FromSeconds(60))), "the job never ran");
            Assert.True(filled);

            // The job cannot write its outputs: it goes back to the queue, never to failed/ and never stuck in running/.
            Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Queued) == 1, TimeSpan.FromSeconds(60)), "the job was not requeued after the disk filled");
            Assert.Equal(0, node.Jobs.Count(JobState.Failed));
            disk.Free();
            Assert.True(await TestNode.WaitUntilAsync(() => node.Jobs.Count(JobState.Done) == 1, TimeSpan.FromSeconds(90)), "the job did not complete once there was room");
            Assert.Equal(0, node.Jobs.Count(JobState.Failed) + node.Jobs.Count(JobState.Running) + node.Jobs.Count(JobState.Queued));
        }
        finally
        {
            await stop.CancelAsync();
            filler.Join();
        }
    }
}
