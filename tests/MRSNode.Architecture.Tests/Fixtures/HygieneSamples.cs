using Xunit;

namespace MRSNode.Architecture.Tests.Fixtures;

/// <summary>
/// Test sources that break the hygiene rules on purpose, for the self-tests of those rules. Files in a Fixtures
/// folder are not scanned, so these do not fail the real checks.
/// </summary>
internal static class HygieneSamples
{
    public const string TestClasses = """
        namespace Sample;

        /// <summary>Categorised.</summary>
        [Collection("network")]
        [SlowTest]
        public class Categorised
        {
            private sealed class Helper
            {
                public int Value { get; init; }
            }

            [PeerFact("storescu")]
            public void Send() => Assert.True(true);
        }

        public sealed class Uncategorised(ITestOutputHelper output)
        {
            [Theory]
            [InlineData(1)]
            public void Row(int x) => Assert.Equal(1, x);
        }

        internal static class NoTests
        {
            public static int Seven() => 7;
        }
        """;

    public static TheoryData<string, bool> RandomLines => new()
    {
        { "var r = new Random();", true },
        { "var r = new Random( );", true },
        { "int x = Random.Shared.Next();", true },
        { "var r = new Random(42);", false },
        { "var r = new Random(seed);", false },
    };

    public static TheoryData<string, bool> ProcessLines => new()
    {
        { "using var p = Process.Start(info);", true },
        { "ProcessStartInfo info = new(\"python3\");", true },
        { "var info = new ProcessStartInfo(\"python3\");", true },
        { "var r = Peers.Run(\"python3\", args);", false },
    };
}
