namespace MRSNode.Quantification.Neural.Models;

/// <summary>Per-entry accuracy of a model on examples with known targets.</summary>
public sealed record ValidationResult(IReadOnlyDictionary<string, double> SmapePercent, double MeanSmapePercent, double Loss);
