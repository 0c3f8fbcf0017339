using System.Numerics;
using MRSNode.Spectroscopy.Processing;

namespace MRSNode.Spectroscopy.Simulation;

/// <summary>A simulated MRSI acquisition and its truth.</summary>
public sealed record MrsiPhantomScan(MrsAcquisition Acquisition, MrsiPhantomTruth Truth);

/// <summary>
/// The synthetic MRSI phantom: per voxel y(t) = e^{iφ}·[Σ_m a_m·x_m(t) + water]·e^{(2πiΔf − πL)t}·G(t) + lipid + noise,
/// with the basis FIDs x_m (reference singlet removed), the voxel's B0 offset Δf, Lorentzian L and phase φ from
/// <see cref="MrsiPhantomAnatomy"/>, a common Gaussian G. Scalp ring voxels hold Voigt lipid lines only; a brain voxel
/// receives a fraction of every nearby ring voxel's lipid signal as it is there (its own shift and width), as the
/// point-spread function's sidelobes carry it — the contamination a lipid basis from the ring can remove. Noise has
/// one SD everywhere, set by <see cref="MrsiPhantomParameters.Snr"/> on a normal voxel. Reproducible: each voxel's
/// generator is seeded from the seed and its index, so a phantom without lipids has the same noise.
/// </summary>
public sealed class MrsiPhantom
{
    private readonly BasisSet _basis;
    private readonly MrsiPhantomParameters _p;
    private readonly Dictionary<string, Complex[]> _fids = new(StringComparer.OrdinalIgnoreCase);
    private readonly double[] _gauss;

    public MrsiPhantom(BasisSet basis, MrsiPhantomParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(basis);
        _basis = basis;
        _p = parameters ?? new MrsiPhantomParameters();
        Anatomy = new MrsiPhantomAnatomy(_p);
        if (_p.Points > basis.Points)
        {
            throw new ArgumentException($"{_p.Points} points asked for, the basis has {basis.Points}.", nameof(parameters));
        }
        foreach (var m in basis.Metabolites)
        {
            _fids[m.Name] = BasisReferenceLine.Remove(m, basis.Axis)[.._p.Points];
        }
        foreach (var name in new[] { "NAA", "Cr", "PCr" })
        {
            if (!_fids.ContainsKey(name))
            {
                throw new ArgumentException($"The basis set has no {name} entry; the phantom's SNR and lipid scale are defined on NAA and creatine.", nameof(basis));
            }
        }
        _gauss = ZeroFillApodize.Window(_p.Points, Dwell, 0, _p.GaussianHz);
    }

    public MrsiPhantomAnatomy Anatomy { get; }

    public SpectralAxis Axis => new(_p.Points, _basis.SpectralWidthHz, _basis.FrequencyMHz, _basis.ReferencePpm);

    private double Dwell => _basis.DwellTimeSeconds;

    public MrsiPhantomScan Simulate()
    {
        var geometry = Anatomy.Geometry;
        int voxels = geometry.Grid.VoxelCount, n = _p.Points;
        var normal = NormalAmplitudes();
        double creatineArea = Area(normal, "Cr", "PCr");
        double naaArea = Area(normal, "NAA");
        double noiseSd = NoiseSd(normal);

        // Noise-free ring lipid signals first: brain voxels receive a share of them.
        var places = Enumerable.Range(0, voxels).Select(geometry.VoxelCentre).ToArray();
        var tissue = places.Select(c => Anatomy.TissueAt(c[0], c[1])).ToArray();
        var ringLipid = new Dictionary<int, Complex[]>();
        var lipidArea = new double[voxels];
        if (_p.Lipids)
        {
            for (int v = 0; v < voxels; v++)
            {
                if (tissue[v] == PhantomTissue.ScalpRing)
                {
                    var random = new Random(unchecked(_p.Seed * 7919 + v * 104729 + 17));
                    double scale = _p.RingLipidToCreatine * creatineArea * (0.8 + 0.4 * random.NextDouble())
                        * (Anatomy.InsideBox(places[v][0], places[v][1]) ? 1 : _p.OutsideBoxLipidFraction);
                    ringLipid[v] = LipidSignal(scale, 9 + 6 * random.NextDouble(), places[v]);
                    lipidArea[v] = ringLipid[v][0].Magnitude;
                }
            }
        }

        var data = new Complex[voxels * n];
        var truths = new MrsiPhantomVoxel[voxels];
        for (int v = 0; v < voxels; v++)
        {
            double x = places[v][0], y = places[v][1];
            bool inside = Anatomy.InsideBox(x, y);
            var fid = data.AsSpan(v * n, n);
            var amplitudes = new SortedDictionary<string, double>(StringComparer.Ordinal);
            bool brain = tissue[v] is PhantomTissue.Brain or PhantomTissue.Lesion or PhantomTissue.Contralateral;
            double shift = Anatomy.ShiftHz(x, y), width = Anatomy.LinewidthHz(x, y), phase = Anatomy.ZeroOrderPhaseRad(x, y);
            var random = new Random(unchecked(_p.Seed * 7919 + v));
            double waterPhase = random.NextDouble() * 2 * Math.PI;
            if (brain && inside)
            {
                foreach (var (name, a) in tissue[v] == PhantomTissue.Lesion ? LesionAmplitudes(normal) : normal)
                {
                    amplitudes[name] = a;
                    Add(fid, _fids[name], a);
                }
                if (_p.ResidualWater > 0)
                {
                    AddLine(fid, _p.ResidualWater * naaArea, _basis.ReferencePpm, 8, 0, waterPhase);
                }
                Apply(fid, shift, width, phase);
            }
            if (ringLipid.TryGetValue(v, out var own))
            {
                Add(fid, own, 1);
            }
            else if (brain && ringLipid.Count > 0)
            {
                lipidArea[v] = AddBleed(fid, v, places, ringLipid);
            }
            double snr = amplitudes.Count > 0 ? NaaHeight(amplitudes, shift, width, phase) / (noiseSd * Math.Sqrt(n)) : 0;
            for (int t = 0; t < n; t++)
            {
                fid[t] += new Complex(noiseSd * StandardNormal.Draw(random), noiseSd * StandardNormal.Draw(random));
            }
            truths[v] = new MrsiPhantomVoxel
            {
                Index = v,
                Tissue = tissue[v],
                InsideVolume = inside,
                Amplitudes = amplitudes,
                ShiftHz = shift,
                LorentzianHz = width,
                ZeroOrderPhaseRad = phase,
                LipidArea = lipidArea[v],
                Snr = snr,
            };
        }

        int lesion = Nearest(geometry, _p.LesionCentreX * _p.FieldOfViewXMm, _p.LesionCentreY * _p.FieldOfViewYMm);
        int contralateral = Nearest(geometry, -_p.LesionCentreX * _p.FieldOfViewXMm, _p.LesionCentreY * _p.FieldOfViewYMm);
        var acquisition = new MrsAcquisition(data, n, 1, 1, voxels)
        {
            SpectralWidthHz = _basis.SpectralWidthHz,
            TransmitterFrequencyMHz = _basis.FrequencyMHz,
            ReferencePpm = _basis.ReferencePpm,
            EchoTimeMs = _p.EchoTimeMs ?? _basis.EchoTimeMs,
            RepetitionTimeMs = 1500,
            AcquiredAverages = 1,
            Role = AcquisitionRole.Metabolite,
            Localization = new Localization
            {
                Technique = _p.PressBox ? "PRESS" : null,
                VoxelSizeMm = [_p.VoxelSizeMm, _p.VoxelSizeMm, _p.SliceThicknessMm],
                PositionMm = [0, 0, 0],
                Orientation = [1, 0, 0, 0, 1, 0],
                Grid = geometry.Grid,
                Geometry = geometry,
            },
            Provenance = new Provenance
            {
                SourceFormat = "MRSNode MRSI phantom",
                Manufacturer = "MRSNode",
                Model = "MrsiPhantom",
                SeriesDescription = $"MRSI phantom {_p.Columns}x{_p.Rows}x{_p.Slices} SNR {_p.Snr}",
                ProtocolName = "mrsi phantom",
                SequenceName = _p.PressBox ? "PRESS CSI" : "CSI",
            },
        };
        var truth = new MrsiPhantomTruth
        {
            Geometry = geometry,
            Voxels = truths,
            LesionCentreVoxel = lesion,
            ContralateralCentreVoxel = contralateral,
            NoiseSd = noiseSd,
            Seed = _p.Seed,
        };
        return new MrsiPhantomScan(acquisition, truth);
    }

    private Dictionary<string, double> NormalAmplitudes() =>
        _p.NormalAmplitudes.Where(kv => _fids.ContainsKey(kv.Key) && kv.Value != 0)
            .ToDictionary(kv => _basis.Find(kv.Key)!.Name, kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    private Dictionary<string, double> LesionAmplitudes(Dictionary<string, double> normal)
    {
        var lesion = new Dictionary<string, double>(normal, StringComparer.OrdinalIgnoreCase);
        foreach (var name in lesion.Keys.ToList())
        {
            lesion[name] *= name.ToUpperInvariant() switch
            {
                "GPC" or "PCHO" => _p.LesionCholineFactor,
                "NAA" or "NAAG" => _p.LesionNaaFactor,
                "CR" or "PCR" => _p.LesionCreatineFactor,
                _ => 1,
            };
        }
        if (_basis.Find("Lac") is { } lac && _p.LesionLactateMm > 0)
        {
            lesion[lac.Name] = _p.LesionLactateMm;
        }
        return lesion;
    }

    private double Area(Dictionary<string, double> amplitudes, params string[] names) =>
        names.Sum(name => amplitudes.TryGetValue(name, out var a) ? a * _fids[name][0].Magnitude : 0);

    /// <summary>The noise SD that gives a normal voxel (centre linewidth, no offset or phase) the requested NAA SNR.</summary>
    private double NoiseSd(Dictionary<string, double> normal)
    {
        var fid = new Complex[_p.Points];
        foreach (var (name, a) in normal)
        {
            Add(fid, _fids[name], a);
        }
        Apply(fid, 0, _p.CentreLinewidthHz, 0);
        return FidMath.NaaPeakHeight(SpectralAxis.Spectrum(fid), Axis, out _) / (_p.Snr * Math.Sqrt(_p.Points));
    }

    /// <summary>This voxel's noise-free metabolite NAA height (its own linewidth), for its SNR.</summary>
    private double NaaHeight(SortedDictionary<string, double> amplitudes, double shift, double width, double phase)
    {
        var fid = new Complex[_p.Points];
        foreach (var (name, a) in amplitudes)
        {
            Add(fid, _fids[name], a);
        }
        Apply(fid, shift, width, phase);
        return FidMath.NaaPeakHeight(SpectralAxis.Spectrum(fid), Axis, out _);
    }

    /// <summary>A ring voxel's lipid: the scalp lines with its own Lorentzian width, then its offset, phase and the Gaussian.</summary>
    private Complex[] LipidSignal(double area, double lorentzianHz, double[] place)
    {
        var fid = new Complex[_p.Points];
        double total = _p.LipidLines.Sum(l => l.RelativeArea);
        foreach (var (ppm, relative) in _p.LipidLines)
        {
            AddLine(fid, area * relative / total, ppm, lorentzianHz, 0, 0);
        }
        Apply(fid, Anatomy.ShiftHz(place[0], place[1]), 0, Anatomy.ZeroOrderPhaseRad(place[0], place[1]));
        return fid;
    }

    /// <summary>Adds the sidelobe share of every ring voxel of the same slice within three voxels; returns the lipid area added.</summary>
    private double AddBleed(Span<Complex> fid, int voxel, double[][] places, Dictionary<int, Complex[]> ringLipid)
    {
        var contamination = new Complex[fid.Length];
        double pitch = _p.VoxelSizeMm;
        foreach (var (ring, signal) in ringLipid)
        {
            if (Math.Abs(places[ring][2] - places[voxel][2]) > 1e-6)
            {
                continue;
            }
            double d = Math.Sqrt(Sq(places[ring][0] - places[voxel][0]) + Sq(places[ring][1] - places[voxel][1])) / pitch;
            if (d > 3)
            {
                continue;
            }
            Add(contamination, signal, _p.LipidBleed * Math.Exp(-(d - 1) / 0.7));
        }
        Add(fid, contamination, 1);
        return contamination[0].Magnitude;
    }

    private void AddLine(Span<Complex> fid, double area, double ppm, double lorentzianHz, double gaussianHz, double phase)
    {
        double f = (_basis.ReferencePpm - ppm) * _basis.FrequencyMHz;
        var step = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * lorentzianHz * Dwell), 2 * Math.PI * f * Dwell);
        var value = Complex.FromPolarCoordinates(area, phase);
        for (int t = 0; t < fid.Length; t++)
        {
            double g = Math.PI * gaussianHz * t * Dwell;
            fid[t] += value * Math.Exp(-g * g / (4 * Math.Log(2)));
            value *= step;
        }
    }

    /// <summary>Offset, Lorentzian damping and zero-order phase of the voxel, then the common Gaussian.</summary>
    private void Apply(Span<Complex> fid, double shiftHz, double lorentzianHz, double phase)
    {
        var step = Complex.FromPolarCoordinates(Math.Exp(-Math.PI * lorentzianHz * Dwell), 2 * Math.PI * shiftHz * Dwell);
        var factor = Complex.FromPolarCoordinates(1, phase);
        for (int t = 0; t < fid.Length; t++)
        {
            fid[t] *= factor * _gauss[t];
            factor *= step;
        }
    }

    private static void Add(Span<Complex> target, ReadOnlySpan<Complex> source, double scale)
    {
        for (int t = 0; t < target.Length; t++)
        {
            target[t] += source[t] * scale;
        }
    }

    /// <summary>The voxel of the middle slice whose centre is nearest (x, y).</summary>
    private static int Nearest(Mrsi.MrsiGeometry geometry, double x, double y)
    {
        int plane = geometry.Grid.Columns * geometry.Grid.Rows;
        return Enumerable.Range(geometry.Grid.Slices / 2 * plane, plane)
            .MinBy(i => Sq(geometry.VoxelCentre(i)[0] - x) + Sq(geometry.VoxelCentre(i)[1] - y));
    }

    private static double Sq(double v) => v * v;
}
