using System.Text.Json.Serialization;

namespace MRSNode.Quantification.Results;

/// <summary>The verdict on one study: whether its numbers can be used as they are.</summary>
[JsonConverter(typeof(StudyVerdictJsonConverter))]
public enum StudyVerdict
{
    /// <summary>Spectral quality and every major metabolite within limits.</summary>
    Reliable,

    /// <summary>Usable, but a reader should look at the reasons first.</summary>
    Review,

    /// <summary>Spectral quality too poor, or the study could not be quantified.</summary>
    NotUsable,
}

/// <summary>The words of <see cref="StudyVerdict"/>, as results.json, the reports and the status page write them.</summary>
public static class StudyVerdicts
{
    public static string Text(this StudyVerdict verdict) => verdict switch
    {
        StudyVerdict.Reliable => "reliable",
        StudyVerdict.Review => "review",
        StudyVerdict.NotUsable => "not usable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The verdict a word names, or null.</summary>
    public static StudyVerdict? TryParse(string text) => EnumWords.TryParse<StudyVerdict>(text, Text);
}

/// <summary>Writes <see cref="StudyVerdict"/> as its word.</summary>
public sealed class StudyVerdictJsonConverter() : WordJsonConverter<StudyVerdict>(StudyVerdicts.Text);
