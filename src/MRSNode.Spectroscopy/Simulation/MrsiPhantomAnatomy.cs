using MRSNode.Spectroscopy.Mrsi;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>
/// The phantom's anatomy and fields in patient coordinates (LPS, mm; the slab centred at the origin, axial): which
/// tissue a point is, the B0 offset, linewidth and phase there. Shared by the spectra (<see cref="MrsiPhantom"/>) and
/// the MR image of the same frame of reference (<see cref="MrsiPhantomImage"/>), so both show the same head.
/// </summary>
public sealed class MrsiPhantomAnatomy
{
    private readonly MrsiPhantomParameters _p;
    private readonly double _brainX, _brainY, _lesionX, _lesionY;

    public MrsiPhantomAnatomy(MrsiPhantomParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _brainX = parameters.BrainRadiusX * parameters.FieldOfViewXMm;
        _brainY = parameters.BrainRadiusY * parameters.FieldOfViewYMm;
        _lesionX = parameters.LesionCentreX * parameters.FieldOfViewXMm;
        _lesionY = parameters.LesionCentreY * parameters.FieldOfViewYMm;
        Geometry = CreateGeometry(parameters);
    }

    /// <summary>The MRSI grid: axial, rows along +Y (posterior), columns along +X (patient left), centred at the origin.</summary>
    public MrsiGeometry Geometry { get; }

    public MrsiPhantomParameters Parameters => _p;

    public PhantomTissue TissueAt(double x, double y)
    {
        double brain = Sq(x / _brainX) + Sq(y / _brainY);
        if (brain <= 1)
        {
            double r = _p.LesionRadiusMm;
            return Sq(x - _lesionX) + Sq(y - _lesionY) <= r * r ? PhantomTissue.Lesion
                : Sq(x + _lesionX) + Sq(y - _lesionY) <= r * r ? PhantomTissue.Contralateral
                : PhantomTissue.Brain;
        }
        double t = _p.RingThicknessMm;
        return Sq(x / (_brainX + t)) + Sq(y / (_brainY + t)) <= 1 ? PhantomTissue.ScalpRing : PhantomTissue.Background;
    }

    /// <summary>Whether (x, y) lies inside the PRESS box (everywhere without one).</summary>
    public bool InsideBox(double x, double y)
    {
        if (!_p.PressBox)
        {
            return true;
        }
        double half = _p.PressBoxVoxels * _p.VoxelSizeMm / 2;
        return Math.Abs(x) <= half + 1e-6 && Math.Abs(y) <= half + 1e-6;
    }

    /// <summary>A smooth B0 offset (Hz): a left–right gradient and a frontal rise, largest at the field's edge.</summary>
    public double ShiftHz(double x, double y)
    {
        double u = 2 * x / _p.FieldOfViewXMm, v = 2 * y / _p.FieldOfViewYMm;
        return _p.MaxB0ShiftHz * Math.Clamp(0.6 * u + 0.4 * v * v, -1, 1);
    }

    /// <summary>Lorentzian linewidth (Hz): narrow at the centre, broad at the edge.</summary>
    public double LinewidthHz(double x, double y)
    {
        double r2 = Math.Min(1, Sq(2 * x / _p.FieldOfViewXMm) + Sq(2 * y / _p.FieldOfViewYMm));
        return _p.CentreLinewidthHz + (_p.EdgeLinewidthHz - _p.CentreLinewidthHz) * r2;
    }

    public double ZeroOrderPhaseRad(double x, double y) =>
        _p.MaxZeroOrderPhaseRad * Math.Clamp(x / _p.FieldOfViewXMm - 0.8 * y / _p.FieldOfViewYMm, -1, 1);

    private static MrsiGeometry CreateGeometry(MrsiPhantomParameters p)
    {
        double s = p.VoxelSizeMm, t = p.SliceThicknessMm;
        var first = new[] { -(p.Columns - 1) / 2.0 * s, -(p.Rows - 1) / 2.0 * s, -(p.Slices - 1) / 2.0 * t };
        var geometry = new MrsiGeometry(new MrsiGrid(p.Columns, p.Rows, p.Slices), first, [1, 0, 0], [0, 1, 0], [s, s, t]);
        return p.PressBox
            ? geometry with { Volume = new VolumeOfInterest([0, 0, 0], [p.PressBoxVoxels * s, p.PressBoxVoxels * s, p.Slices * t], [1, 0, 0], [0, 1, 0]) }
            : geometry;
    }

    private static double Sq(double v) => v * v;
}
