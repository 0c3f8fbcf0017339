namespace MRSNode.Spectroscopy.Simulation;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller, one value per two uniforms), so every simulation and evaluation that adds noise draws it the same way.</summary>
public static class StandardNormal
{
    public static double Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
