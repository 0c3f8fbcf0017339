using System.Text.Json;
using System.Text.Json.Serialization;

namespace MRSNode.Messaging.RabbitMq;

/// <summary>A <see cref="WorkMessage"/> as a message body: UTF-8 JSON, checked on the way in.</summary>
internal static class WorkMessageCodec
{
    public const string ContentType = "application/json";

    public static byte[] Encode(WorkMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WorkMessageJson.Default.WorkMessage);

    /// <summary>The message, or null when the body is not one (not JSON, a field missing, an id or path that could escape the store).</summary>
    public static WorkMessage? Decode(ReadOnlySpan<byte> body)
    {
        WorkMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body, WorkMessageJson.Default.WorkMessage);
        }
        catch (JsonException)
        {
            return null;
        }
        return message is not null && IsSafeId(message.Id) && IsSafeStorePath(message.StorePath) && message.Sha256 is not null ? message : null;
    }

    /// <summary>Consumers name folders after the id: letters, digits, '.', '-', '_' only, and not a dot name.</summary>
    internal static bool IsSafeId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && id.Trim('.').Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>Relative, '/'-separated, each segment a safe id: no way out of the shared store.</summary>
    internal static bool IsSafeStorePath(string? path) =>
        !string.IsNullOrEmpty(path) && path.Split('/').All(IsSafeId);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WorkMessage))]
internal sealed partial class WorkMessageJson : JsonSerializerContext;
