using Xunit.Abstractions;
using Xunit.Sdk;

namespace MRSNode.TestSupport;

/// <summary>
/// Turns an attribute with a <c>Category</c> property (the category attributes, PeerFact, CudaFact …) into the
/// Category trait. xunit 2 finds it through [TraitDiscoverer] on the attribute and reads the property from the
/// constructed attribute.
/// </summary>
public sealed class CategoryTraitDiscoverer : ITraitDiscoverer
{
    public const string TypeName = "MRSNode.TestSupport.CategoryTraitDiscoverer";
    public const string AssemblyName = "MRSNode.TestSupport";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var category = traitAttribute.GetNamedArgument<string>("Category");
        return [new KeyValuePair<string, string>(TestCategory.Trait, category)];
    }
}
