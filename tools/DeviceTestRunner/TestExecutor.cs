using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace MRSNode.DeviceTestRunner;

internal enum Outcome { Pass, Fail, Skip }

/// <summary>What one case did: the outcome, the failure (exception text), what it wrote to ITestOutputHelper.</summary>
internal sealed record TestResult(TestCase Case, Outcome Outcome, TimeSpan Elapsed, string? Failure, IReadOnlyList<string> Output);

/// <summary>
/// Runs one case as xunit would: a fresh instance of the class per case (no-argument constructor or one taking
/// ITestOutputHelper), the method awaited when it returns a task, the instance disposed afterwards.
/// </summary>
internal static class TestExecutor
{
    public static async Task<TestResult> RunAsync(TestCase test)
    {
        if (test.SkipReason is not null)
        {
            return new TestResult(test, Outcome.Skip, TimeSpan.Zero, null, []);
        }
        var output = new BufferedTestOutput();
        var clock = Stopwatch.StartNew();
        string? failure = test.DiscoveryError;
        if (failure is null)
        {
            try
            {
                await InvokeAsync(test, output);
            }
            catch (Exception e)
            {
                failure = Unwrap(e).ToString();
            }
        }
        return new TestResult(test, failure is null ? Outcome.Pass : Outcome.Fail, clock.Elapsed, failure, output.Lines);
    }

    private static async Task InvokeAsync(TestCase test, BufferedTestOutput output)
    {
        if (test.Method.ReturnType == typeof(void) && test.Method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            // xunit v2 waits for async void tests through its own synchronisation context; nothing here would.
            throw new NotSupportedException("async void test methods are not supported by this runner; return Task");
        }
        var instance = test.Method.IsStatic ? null : Construct(test.Class, output);
        try
        {
            // DoNotWrapExceptions: an assertion failure arrives as itself, with its own stack trace.
            var returned = test.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, Arguments(test), CultureInfo.InvariantCulture);
            switch (returned)
            {
                case Task task:
                    await task;
                    break;
                case ValueTask valueTask:
                    await valueTask;
                    break;
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static object Construct(Type type, ITestOutputHelper output)
    {
        if (type.GetConstructor([typeof(ITestOutputHelper)]) is { } withOutput)
        {
            return withOutput.Invoke(BindingFlags.DoNotWrapExceptions, null, [output], CultureInfo.InvariantCulture);
        }
        if (type.GetConstructor(Type.EmptyTypes) is { } plain)
        {
            return plain.Invoke(BindingFlags.DoNotWrapExceptions, null, null, CultureInfo.InvariantCulture);
        }
        // Class and collection fixtures (IClassFixture<T>) would need xunit's fixture lifetimes; the GPU tests use none.
        throw new NotSupportedException($"{type.Name} needs a public constructor taking nothing or ITestOutputHelper");
    }

    /// <summary>
    /// The row's values, with Type.Missing standing in for trailing optional parameters it leaves out, and numbers
    /// widened to the parameter's type as xunit does (InlineData(1) for a double parameter).
    /// </summary>
    private static object?[]? Arguments(TestCase test)
    {
        var parameters = test.Method.GetParameters();
        if (parameters.Length == 0)
        {
            return null;
        }
        var arguments = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var value = i < test.Arguments.Length ? test.Arguments[i] : Type.Missing;
            var type = parameters[i].ParameterType;
            arguments[i] = value is IConvertible and not string && !type.IsInstanceOfType(value) && (type.IsPrimitive || type == typeof(decimal))
                ? Convert.ChangeType(value, type, CultureInfo.InvariantCulture)
                : value;
        }
        return arguments;
    }

    /// <summary>Reflection wraps what a constructor or a nested Invoke throws; report the exception the test threw.</summary>
    internal static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner })
        {
            e = inner;
        }
        return e;
    }
}

/// <summary>
/// ITestOutputHelper that keeps the lines: the runner prints them under a failure (or always with --verbose), so a
/// passing run stays one line per test.
/// </summary>
internal sealed class BufferedTestOutput : ITestOutputHelper
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));
}
