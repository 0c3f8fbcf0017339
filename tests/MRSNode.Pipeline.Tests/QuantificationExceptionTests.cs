using MRSNode.Dicom;
using MRSNode.Spectroscopy;
using MRSNode.Spectroscopy.Readers;
using Xunit;
using MRSNode.TestSupport;

namespace MRSNode.Pipeline.Tests;

[UnitTest]
public sealed class QuantificationExceptionTests
{
    /// <summary>Every layer's input problem is one <see cref="InputProblemException"/>: the node and the CLI decide by that type alone.</summary>
    [Theory]
    [InlineData(typeof(DicomFormatException))]
    [InlineData(typeof(DicomValueException))]
    [InlineData(typeof(MrsReadException))]
    [InlineData(typeof(BasisSetSelectionException))]
    [InlineData(typeof(QuantificationException))]
    public void InputProblem_EachLayersException_DerivesFromTheOneBase(Type type) =>
        Assert.True(type.IsAssignableTo(typeof(InputProblemException)), type.Name);

    [Fact]
    public void MrsInputException_BothSpectroscopyProblems_ShareTheLayersBase() =>
        Assert.Equal([typeof(MrsInputException), typeof(MrsInputException)], new[] { typeof(MrsReadException), typeof(BasisSetSelectionException) }.Select(t => t.BaseType));

    [Fact]
    public void Message_GivenReason_IsThatReason() =>
        Assert.Equal("the job has no metabolite acquisition", new QuantificationException("the job has no metabolite acquisition").Message);
}
