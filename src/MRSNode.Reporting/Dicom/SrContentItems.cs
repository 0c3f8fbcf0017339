using MRSNode.Dicom;

namespace MRSNode.Reporting.Dicom;

/// <summary>The SR content items (PS3.3 C.17.3): code sequences, TEXT, CODE, NUM and CONTAINER items, built one way for every part of the tree.</summary>
internal static class SrContentItems
{
    public static DicomDataset Code(DicomDataset root, CodedConcept c) => root.NewItem()
        .AddOrUpdate(DicomTags.CodeValue, c.Value)
        .AddOrUpdate(DicomTags.CodingSchemeDesignator, c.Scheme)
        .AddOrUpdate(DicomTags.CodeMeaning, c.Meaning);

    public static DicomDataset Item(DicomDataset root, string relationship, string valueType, CodedConcept concept) => root.NewItem()
        .AddOrUpdate(DicomTags.RelationshipType, relationship)
        .AddOrUpdate(DicomTags.ValueType, valueType)
        .AddOrUpdate(DicomTags.ConceptNameCodeSequence, Code(root, concept));

    public static DicomDataset Text(DicomDataset root, string relationship, CodedConcept concept, string text) =>
        Item(root, relationship, "TEXT", concept).AddOrUpdate(DicomTags.TextValue, text);

    public static DicomDataset CodeItem(DicomDataset root, string relationship, CodedConcept concept, CodedConcept value) =>
        Item(root, relationship, "CODE", concept).AddOrUpdate(DicomTags.ConceptCodeSequence, Code(root, value));

    /// <summary>A NUM with its value rounded to <paramref name="digits"/> significant figures (counts pass enough to stay exact).</summary>
    public static DicomDataset Num(DicomDataset root, string relationship, CodedConcept concept, double value, CodedConcept unit, int digits = 3) =>
        Item(root, relationship, "NUM", concept).AddOrUpdate(DicomTags.MeasuredValueSequence, root.NewItem()
            .AddOrUpdate(DicomTags.MeasurementUnitsCodeSequence, Code(root, unit))
            .AddOrUpdate(DicomTags.NumericValue, DicomVR.DS, DicomDataset.FormatDecimalString(SignificantFigures.Round(value, digits))));

    public static DicomDataset Container(DicomDataset root, string relationship, CodedConcept concept, IReadOnlyList<DicomDataset> children) =>
        Item(root, relationship, "CONTAINER", concept)
            .AddOrUpdate(DicomTags.ContinuityOfContent, "SEPARATE")
            .AddOrUpdate(DicomTags.ContentSequence, [.. children]);
}
