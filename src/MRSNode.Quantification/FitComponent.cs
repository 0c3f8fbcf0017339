using System.Numerics;

namespace MRSNode.Quantification;

/// <summary>
/// A fit component: a name, its FID on the data's grid and axis, and the concentration one unit of amplitude stands
/// for in the units ratio priors are stated in (1 for basis spectra; parametric lipids and macromolecules differ).
/// </summary>
public sealed record FitComponent(string Name, Complex[] Fid, double ConcentrationPerAmplitude = 1);
