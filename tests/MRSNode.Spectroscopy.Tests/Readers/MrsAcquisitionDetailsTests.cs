using MRSNode.Dicom;
using MRSNode.Dicom.IO;
using MRSNode.Spectroscopy.Readers;
using MRSNode.TestSupport;
using Xunit;

namespace MRSNode.Spectroscopy.Tests.Readers;

[UnitTest]
public class MrsAcquisitionDetailsTests
{
    private static MrsAcquisitionDetails From(string relative) =>
        MrsAcquisitionDetails.FromDicom(DicomFile.Open(TestData.Path(relative)).Dataset);

    [Fact]
    public void FromDicom_SiemensXa60_FunctionalGroupValues()
    {
        var d = From("dicom/siemens-xa60-svs.dcm");
        Assert.Equal(new DateTime(2025, 1, 16, 16, 42, 8, 227).AddTicks(5000), d.AcquisitionDateTime);
        Assert.Equal(160, d.AcquisitionDurationSeconds);
        Assert.Equal(90, d.FlipAngleDegrees);
        Assert.Equal(1, d.EchoTrainLength);
        Assert.Null(d.RFEchoTrainLength); // present but empty in the file
        Assert.Equal(6, d.SpecificAbsorptionRates.Count);
        Assert.Equal("IEC_WHOLE_BODY", d.SpecificAbsorptionRates[0].Definition);
        Assert.Equal(0.0149919, d.SpecificAbsorptionRates[0].Value, 1e-7);
        Assert.Equal([("GRADIENT", "IEC_NORMAL"), ("RF", "IEC_NORMAL")], d.OperatingModes);
        Assert.Equal("IEC", d.SafetyStandardAgency);
        Assert.Equal("HeadNeck_64", d.ReceiveCoilName);
        Assert.Equal("MULTICOIL", d.ReceiveCoilType);
        Assert.Equal(34, d.ReceiveCoilElements.Count);
        Assert.Equal("Body", d.TransmitCoilName);
        Assert.Equal("HFS", d.PatientPosition);
    }

    [Fact]
    public void FromDicom_PhilipsPerFrameTiming_Found()
    {
        var d = From("dicom/philips-mrs-2frame.dcm");
        Assert.Equal(90, d.FlipAngleDegrees);
        Assert.Equal("IEC_WHOLE_BODY", Assert.Single(d.SpecificAbsorptionRates).Definition);
        Assert.Equal(0.136375, d.SpecificAbsorptionRates[0].Value, 1e-6);
        Assert.Equal([("RF", "IEC_NORMAL")], d.OperatingModes);
        Assert.Equal("SENSE-Head-8", d.ReceiveCoilName);
        Assert.Equal(292, d.AcquisitionDurationSeconds);
        Assert.Equal("20068", d.DeviceSerialNumber);
        Assert.Equal("RESEARCH", d.ContentQualification);
    }

    [Fact]
    public void FromDicom_SiemensCsa_CsaHeaderValues()
    {
        var d = From("dicom/siemens-csa-svs30.ima");
        Assert.Equal(new DateTime(2016, 4, 29, 12, 15, 12, 650), d.AcquisitionDateTime);
        Assert.Equal(130, d.AcquisitionDurationSeconds);
        Assert.Equal(90, d.FlipAngleDegrees);
        Assert.Equal([("IEC_WHOLE_BODY", 0.0260923)], d.SpecificAbsorptionRates);
        Assert.Equal([("RF", "IEC_NORMAL")], d.OperatingModes);
        Assert.Equal("IEC", d.SafetyStandardAgency);
        Assert.Equal("HEA;HEP", d.ReceiveCoilName);
        Assert.Equal(["HEA", "HEP"], d.ReceiveCoilElements);
        Assert.Equal("BODY", d.TransmitCoilType);
        Assert.Equal((1, 1, 0), (d.EchoTrainLength, d.RFEchoTrainLength, d.GradientEchoTrainLength));
    }

    [Fact]
    public void FromDicom_OtherObject_Empty()
    {
        var ds = new DicomDataset().AddOrUpdate(DicomTags.SOPClassUID, DicomUids.MRImageStorage);
        var d = MrsAcquisitionDetails.FromDicom(ds);
        Assert.Null(d.FlipAngleDegrees);
        Assert.Empty(d.SpecificAbsorptionRates);
    }
}
