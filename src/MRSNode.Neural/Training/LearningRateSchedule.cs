namespace MRSNode.Neural.Training;

/// <summary>The learning rate at a step (0-based).</summary>
public interface ILearningRateSchedule
{
    float At(int iteration);
}

/// <summary>Constant, multiplied by <see cref="Gamma"/> every <see cref="Every"/> steps.</summary>
public sealed record StepSchedule(float BaseRate, float Gamma, int Every) : ILearningRateSchedule
{
    public float At(int iteration) => BaseRate * MathF.Pow(Gamma, iteration / Math.Max(1, Every));
}

/// <summary>Linear warm-up over <see cref="WarmupSteps"/>, then a cosine from the base rate down to <see cref="MinimumRate"/> at <see cref="TotalSteps"/>.</summary>
public sealed record CosineSchedule(float BaseRate, int TotalSteps, int WarmupSteps = 0, float MinimumRate = 0) : ILearningRateSchedule
{
    public float At(int iteration)
    {
        if (iteration < WarmupSteps)
        {
            return BaseRate * (iteration + 1) / WarmupSteps;
        }
        double progress = Math.Clamp((double)(iteration - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps), 0, 1);
        return (float)(MinimumRate + (BaseRate - MinimumRate) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
