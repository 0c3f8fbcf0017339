using System.CommandLine;
using System.CommandLine.Parsing;

namespace MRSNode.Cli.Commands;

/// <summary>
/// File arguments refuse a folder while parsing, with a message that says so: opened as a file, a folder gives
/// "Access to the path … is denied", which sends an administrator looking at permissions.
/// </summary>
internal static class FileArguments
{
    public static Argument<T> FilesOnly<T>(this Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => Directory.Exists(t.Value)))
            {
                result.AddError($"{token.Value} is a folder; give a file ({argument.Name})");
            }
        });
        return argument;
    }
}
