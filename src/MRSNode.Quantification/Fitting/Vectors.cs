namespace MRSNode.Quantification.Fitting;

/// <summary>Vector arithmetic of the fit, summed in index order (a vectorised sum would change the last digits).</summary>
internal static class Vectors
{
    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }
}
