using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>Reads and writes an enum as the word results.json has always carried for it, so typed values keep the file's bytes.</summary>
public abstract class WordJsonConverter<T>(Func<T, string> word) : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? EnumWords.TryParse(reader.GetString()!, word) ?? throw new JsonException($"'{reader.GetString()}' is not a {typeof(T).Name} ({string.Join(", ", Enum.GetValues<T>().Select(word))})")
            : throw new JsonException($"a {typeof(T).Name} is a string");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(word(value));
    }
}

/// <summary>An enum value from its word.</summary>
public static class EnumWords
{
    /// <summary>The value whose word is <paramref name="text"/> (exactly), or null.</summary>
    public static T? TryParse<T>(string text, Func<T, string> word)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(word(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }
}
