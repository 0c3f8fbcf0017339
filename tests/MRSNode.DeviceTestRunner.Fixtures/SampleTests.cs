using Xunit;
using Xunit.Abstractions;

namespace MRSNode.DeviceTestRunner.Fixtures;

/// <summary>
/// Tests with known outcomes for the runner to discover and run: 10 pass, 3 fail, 2 skip (a fact and a whole theory).
/// </summary>
public class SampleTests
{
    public static TheoryData<string, int> Words => new() { { "a", 1 }, { "abc", 3 } };

    [Fact]
    public void Sum_TwoAndTwo_IsFour() => Assert.Equal(4, 2 + 2);

    [Fact(Skip = "skipped on purpose")]
    public void Skipped_Always_NeverRuns() => throw new InvalidOperationException("a skipped test ran");

    [Theory(Skip = "whole theory skipped")]
    [InlineData(1)]
    [InlineData(2)]
    public void SkippedTheory_AnyRow_NeverRuns(int row) => throw new InvalidOperationException($"row {row} of a skipped theory ran");

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 3, 5)]
    [InlineData(-1, 1, 0)]
    public void Add_Row_GivesTheSum(int a, int b, int sum) => Assert.Equal(sum, a + b);

    [Theory]
    [MemberData(nameof(Words))]
    public void Length_Word_IsItsLength(string word, int length) => Assert.Equal(length, word.Length);

    [Theory]
    [MemberData(nameof(Rows.Squares), MemberType = typeof(Rows))]
    public void Square_Row_IsTheProduct(int x, int square) => Assert.Equal(square, x * x);

    [Fact]
    public void Compare_OneAndTwo_FailsOnPurpose() => Assert.Equal(1, 2);

    [Fact]
    public async Task Delay_Awaited_Passes()
    {
        var before = Environment.TickCount64;
        await Task.Delay(20);
        Assert.True(Environment.TickCount64 > before);
    }

    [Fact]
    public async Task Throw_AfterAnAwait_FailsOnPurpose()
    {
        await Task.Yield();
        throw new InvalidOperationException("thrown after an await");
    }
}

/// <summary>Member data on another class (MemberType), as a static method.</summary>
public static class Rows
{
    public static IEnumerable<object[]> Squares() => [[2, 4], [3, 9]];
}

/// <summary>A constructor taking ITestOutputHelper; Dispose writes too, so a test can see that it ran.</summary>
public sealed class OutputTests(ITestOutputHelper output) : IDisposable
{
    [Fact]
    public void Write_ThenPass() => output.WriteLine("written by a passing test");

    [Fact]
    public void Write_ThenFail()
    {
        output.WriteLine("written by a failing test");
        Assert.Fail("fails on purpose");
    }

    public void Dispose() => output.WriteLine("disposed");
}
